using Steunpunt.Common.Settings;

namespace Steunpunt.SelfTests.Scoring;

/// <summary>
/// Every questionnaire version found in the data folders, compiled once at start. The current version of a
/// test is its highest; older versions stay so answers given to them can still be scored.
/// </summary>
public sealed class QuestionnaireCatalog
{
    public const string ShippedFolder = "SelfTests/Questionnaires";

    private readonly Dictionary<string, SortedList<int, Questionnaire>> tests;

    public QuestionnaireCatalog(IEnumerable<Questionnaire> questionnaires)
    {
        tests = new(StringComparer.Ordinal);
        foreach (var questionnaire in questionnaires)
        {
            var versions = tests.TryGetValue(questionnaire.Id, out var found) ? found : tests[questionnaire.Id] = new();
            if (!versions.TryAdd(questionnaire.Version, questionnaire))
            {
                throw new InvalidDataException($"Questionnaire '{questionnaire.Id}' version {questionnaire.Version} is defined twice.");
            }
        }
    }

    public IEnumerable<Questionnaire> Current => tests.Values.Select(v => v.Values[^1]).OrderBy(q => q.Id, StringComparer.Ordinal);

    public Questionnaire? FindCurrent(string id) => tests.TryGetValue(id, out var versions) ? versions.Values[^1] : null;

    public Questionnaire? Find(string id, int version)
        => tests.TryGetValue(id, out var versions) && versions.TryGetValue(version, out var questionnaire) ? questionnaire : null;

    public IReadOnlyList<int> VersionsOf(string id) => tests.TryGetValue(id, out var versions) ? [.. versions.Keys] : [];

    public static IEnumerable<Questionnaire> Load(SelfTestOptions options)
    {
        var folders = new List<string> { Path.Combine(AppContext.BaseDirectory, ShippedFolder) };
        if (!string.IsNullOrWhiteSpace(options.ExtraQuestionnaireDirectory))
        {
            if (!Directory.Exists(options.ExtraQuestionnaireDirectory))
            {
                throw new InvalidOperationException(
                    $"Setting '{SelfTestOptions.Section}:{nameof(SelfTestOptions.ExtraQuestionnaireDirectory)}': folder '{options.ExtraQuestionnaireDirectory}' does not exist.");
            }
            folders.Add(options.ExtraQuestionnaireDirectory);
        }
        var files = folders.SelectMany(folder => Directory.EnumerateFiles(folder, "*.json")).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new InvalidOperationException($"No questionnaire files found in {string.Join(", ", folders)}.");

        var parsed = files.Select(path => (path, file: QuestionnaireCompiler.Parse(File.ReadAllText(path), Path.GetFileName(path)))).ToList();
        var problems = SettingIds.Problems(options.Cutoffs, $"{SelfTestOptions.Section}__{nameof(SelfTestOptions.Cutoffs)}", parsed.Select(p => p.file.Id).ToHashSet(StringComparer.Ordinal), ("test", "test")).ToList();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join(" ", problems));
        var cutoffs = SettingIds.ById(options.Cutoffs);
        return parsed.Select(p =>
        {
            var expectedName = $"{p.file.Id}.v{p.file.Version}.json";
            if (!string.Equals(Path.GetFileName(p.path), expectedName, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{Path.GetFileName(p.path)}: a file for '{p.file.Id}' version {p.file.Version} must be named '{expectedName}'.");
            }
            int? cutoff = cutoffs.TryGetValue(p.file.Id, out var configured) ? configured : null;
            return QuestionnaireCompiler.Compile(p.file, cutoff, Path.GetFileName(p.path));
        }).ToList();
    }
}
