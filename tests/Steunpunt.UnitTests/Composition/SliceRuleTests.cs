using System.Text.RegularExpressions;

namespace Steunpunt.UnitTests.Composition;

/// <summary>
/// A slice may use Common, Connectors and StaffAuth (the staff token check every staff endpoint shares), never another
/// slice: what one slice offers others goes through a contract in Common (e.g. <c>IStaffNotifications</c>).
/// </summary>
public partial class SliceRuleTests
{
    private static readonly string[] FeatureSlices = ["Chat", "Health", "InfoMails", "MailIntake", "Reminders", "SelfTests", "StaffNotifications"];

    public static TheoryData<string> Slices => new(FeatureSlices);

    [Theory]
    [MemberData(nameof(Slices))]
    public void A_slice_names_no_other_slice(string slice)
    {
        var folder = Path.Combine(FunctionsFolder(), slice);
        var others = FeatureSlices.Where(s => s != slice).ToHashSet(StringComparer.Ordinal);
        var uses = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => SliceName().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value)
                .Where(others.Contains).Select(other => $"{Path.GetRelativePath(folder, file)} uses {other}"))
            .Distinct()
            .ToList();
        Assert.Empty(uses);
    }

    private static string FunctionsFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Steunpunt.slnx"))) return Path.Combine(directory.FullName, "functions");
        }
        throw new InvalidOperationException("Steunpunt.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\bSteunpunt\.([A-Za-z]+)\b")]
    private static partial Regex SliceName();
}
