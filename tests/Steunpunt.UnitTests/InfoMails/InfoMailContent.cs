using Steunpunt.InfoMails.Composing;

namespace Steunpunt.UnitTests.InfoMails;

/// <summary>The shipped content, loaded once for the tests, and a way to load a changed copy of it.</summary>
internal static class InfoMailContent
{
    public static readonly string ShippedFolder = Path.Combine(AppContext.BaseDirectory, InfoMailCatalog.ShippedFolder);
    public static readonly InfoMailCatalog Shipped = InfoMailCatalog.Load(ShippedFolder);
    public static readonly InfoMailRenderSettings Settings = new("https://www.example.nl/tevredenheid", 30);

    public static readonly IReadOnlyList<string> CrimeTypes = ["burglary", "fraud", "sexual-offence", "stalking", "traffic-accident", "violence"];

    public static TheoryData<string, string> TemplatesAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var crimeType in CrimeTypes)
        {
            foreach (var language in MailLanguages.All) data.Add(crimeType, language);
        }
        return data;
    }

    public static ComposedMail Render(string crimeType, string language, string? name = null, IEnumerable<string>? extraBlocks = null, string reference = "0123456789abcdef0123456789abcdef")
    {
        var template = Shipped.FindTemplate(crimeType)!;
        var draft = new InfoMailDraft(crimeType, language, name, Shipped.ResolveBlocks(template, extraBlocks ?? []));
        return InfoMailRenderer.Render(Shipped, draft, reference, Settings, Liquid.Lenient);
    }

    /// <summary>Copies the shipped content to a temporary folder, lets the test change it, and loads it.</summary>
    public static Exception LoadChanged(Action<string> change)
    {
        var folder = Directory.CreateTempSubdirectory("infomail-content-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(ShippedFolder, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder.FullName, Path.GetRelativePath(ShippedFolder, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
            change(folder.FullName);
            return Assert.ThrowsAny<Exception>(() => InfoMailCatalog.Load(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    public static void Replace(string folder, string relativePath, string oldText, string newText)
    {
        var path = Path.Combine(folder, relativePath);
        var text = File.ReadAllText(path);
        Assert.Contains(oldText, text);
        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }
}
