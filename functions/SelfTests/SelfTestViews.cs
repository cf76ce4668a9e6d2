using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.SelfTests;

public sealed record SelfTestSummary(string Id, int Version, LocalizedText Title, LocalizedText Description, int ItemCount);

public sealed record SelfTestDefinition(
    string Id,
    int Version,
    IReadOnlyList<int> Versions,
    LocalizedText Title,
    LocalizedText Description,
    LocalizedText? Instructions,
    LocalizedText? Notice,
    WordingSource? Wording,
    IReadOnlyList<ItemView> Items);

public sealed record ItemView(string Id, string Type, LocalizedText Text, IReadOnlyList<OptionFile> Options);

/// <summary>What a widget needs to show a test; scoring rules and advice stay on the server.</summary>
public static class SelfTestViews
{
    private static readonly IReadOnlyList<OptionFile> YesNo = [new("yes", new("Ja", "Yes")), new("no", new("Nee", "No"))];

    public static SelfTestSummary Summary(Questionnaire q) => new(q.Id, q.Version, q.File.Title, q.File.Description, q.Items.Count);

    public static SelfTestDefinition Definition(Questionnaire q, IReadOnlyList<int> versions) => new(
        q.Id, q.Version, versions, q.File.Title, q.File.Description, q.File.Instructions, q.File.Notice, q.File.Wording,
        q.File.Items.Select(i => new ItemView(i.Id, i.Type, i.Text, i.Options ?? YesNo)).ToList());
}
