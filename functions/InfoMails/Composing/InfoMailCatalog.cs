using System.Text.Json;
using System.Text.RegularExpressions;
using Fluid;
using Steunpunt.Common.Json;

namespace Steunpunt.InfoMails.Composing;

/// <summary>A content block, parsed: its title and text per language.</summary>
public sealed record ContentBlock(string Id, Bilingual<string> Title, Bilingual<RichText> Text);

/// <summary>The compact mail for one crime type, parsed.</summary>
public sealed record MailTemplate(
    string CrimeType,
    Bilingual<string> Label,
    Bilingual<string> Subject,
    Bilingual<IReadOnlyList<IFluidTemplate>> Intro,
    IReadOnlyList<string> Blocks);

/// <summary>The two layouts (HTML and plain text) and the texts around the blocks.</summary>
public sealed record MailLayout(IFluidTemplate Html, IFluidTemplate Text, IReadOnlyDictionary<string, Bilingual<IFluidTemplate>> Texts);

/// <summary>
/// Every content block, template and layout of the information mails, read from <c>InfoMails/Content</c> and checked
/// completely at start: a broken file (unknown block id, a missing language, an unknown placeholder, a link that is not
/// https/tel/mailto, Markdown we do not support) stops the app with a message that names the file.
/// </summary>
public sealed partial class InfoMailCatalog
{
    public const string ShippedFolder = "InfoMails/Content";
    public const string BlocksFolder = "Blocks";
    public const string TemplatesFolder = "Templates";
    public const string LayoutFolder = "Layout";
    public const string HtmlLayoutFile = "mail.html.liquid";
    public const string TextLayoutFile = "mail.txt.liquid";
    public const string TextsFile = "texts.json";

    /// <summary>Ends every mail: how to reach us.</summary>
    public const string ContactBlock = "contact";
    public const int MaxTemplateBlocks = 12;

    /// <summary>Values from settings that blocks may show (never anything a user typed).</summary>
    public static readonly IReadOnlySet<string> BlockPlaceholders = new HashSet<string>(StringComparer.Ordinal) { "retention_days" };

    /// <summary>What the intro and the layout texts may use: the recipient's name (optional) and the settings values.</summary>
    public static readonly IReadOnlySet<string> TextPlaceholders = new HashSet<string>(StringComparer.Ordinal) { "name", "retention_days" };

    /// <summary>What the two layouts may use.</summary>
    public static readonly IReadOnlySet<string> LayoutNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "language", "subject", "greeting", "intro", "blocks", "satisfaction_url", "texts",
    };

    /// <summary>The keys of <c>texts</c> in the layouts, in snake_case like every other name there.</summary>
    public static readonly IReadOnlyList<string> LayoutTextNames = ["greeting", "satisfaction_question", "satisfaction_link", "closing", "signature", "footer"];

    [GeneratedRegex("^[a-z][a-z0-9-]{0,48}$")]
    private static partial Regex IdPattern();

    private readonly Dictionary<string, ContentBlock> blocks;
    private readonly Dictionary<string, MailTemplate> templates;

    public InfoMailCatalog(IEnumerable<ContentBlock> blocks, IEnumerable<MailTemplate> templates, MailLayout layout)
    {
        this.blocks = blocks.ToDictionary(b => b.Id, StringComparer.Ordinal);
        this.templates = templates.ToDictionary(t => t.CrimeType, StringComparer.Ordinal);
        Layout = layout;
    }

    public MailLayout Layout { get; }

    public IReadOnlyList<string> CrimeTypes => [.. templates.Keys.Order(StringComparer.Ordinal)];
    public IReadOnlyList<string> BlockIds => [.. blocks.Keys.Order(StringComparer.Ordinal)];
    public IEnumerable<MailTemplate> Templates => templates.Values.OrderBy(t => t.CrimeType, StringComparer.Ordinal);
    public IEnumerable<ContentBlock> Blocks => blocks.Values.OrderBy(b => b.Id, StringComparer.Ordinal);

    public MailTemplate? FindTemplate(string crimeType) => templates.GetValueOrDefault(crimeType);
    public ContentBlock? FindBlock(string id) => blocks.GetValueOrDefault(id);

    /// <summary>The blocks of a mail in order: the template's, then the extra ones staff added (each once), then the contact block.</summary>
    public IReadOnlyList<string> ResolveBlocks(MailTemplate template, IEnumerable<string> extraBlocks)
        => [.. template.Blocks.Concat(extraBlocks).Where(id => id != ContactBlock).Distinct(StringComparer.Ordinal).Append(ContactBlock)];

    /// <summary>Reads and checks every file under <paramref name="folder"/>, then renders every template once in each language.</summary>
    public static InfoMailCatalog Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidOperationException($"The information-mail content folder '{folder}' does not exist.");

        var blocks = Files(folder, BlocksFolder, "*.json").Select(LoadBlock).ToList();
        var blockIds = blocks.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        if (!blockIds.Contains(ContactBlock))
        {
            throw new InvalidDataException($"{BlocksFolder}/{ContactBlock}.json: the contact block is missing; every mail ends with it.");
        }
        var templates = Files(folder, TemplatesFolder, "*.json").Select(path => LoadTemplate(path, blockIds)).ToList();
        var layout = LoadLayout(Path.Combine(folder, LayoutFolder));

        var catalog = new InfoMailCatalog(blocks, templates, layout);
        TrialRender(catalog);
        return catalog;
    }

    private static List<string> Files(string folder, string subfolder, string pattern)
    {
        var path = Path.Combine(folder, subfolder);
        var files = Directory.Exists(path) ? Directory.EnumerateFiles(path, pattern).Order(StringComparer.Ordinal).ToList() : [];
        return files.Count > 0 ? files : throw new InvalidDataException($"{subfolder}: no {pattern} files in '{path}'.");
    }

    private static string Name(string path) => $"{Path.GetFileName(Path.GetDirectoryName(path))}/{Path.GetFileName(path)}";

    private static T Read<T>(string path) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), JsonDefaults.StrictInput)
                ?? throw new InvalidDataException($"{Name(path)}: the file is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{Name(path)}: {exception.Message}", exception);
        }
    }

    private static void Require(bool ok, string path, string message)
    {
        if (!ok) throw new InvalidDataException($"{Name(path)}: {message}");
    }

    private static string PlainText(string? value, string path, string what, int maxLength)
    {
        Require(!string.IsNullOrWhiteSpace(value), path, $"{what} is missing or empty.");
        Require(value!.Length <= maxLength, path, $"{what} is longer than {maxLength} characters.");
        Require(!value.Any(char.IsControl), path, $"{what} contains control characters.");
        Require(!value.Contains("{{", StringComparison.Ordinal) && !value.Contains("{%", StringComparison.Ordinal), path, $"{what} takes no placeholders.");
        return value;
    }

    private static ContentBlock LoadBlock(string path)
    {
        var file = Read<BlockFile>(path);
        Require(IdPattern().IsMatch(file.Id ?? ""), path, $"id '{file.Id}' must be lower-case letters, digits and hyphens.");
        Require(Path.GetFileName(path) == file.Id + ".json", path, $"a block with id '{file.Id}' must be in '{file.Id}.json'.");
        Require(file.Title is not null && file.Text is not null, path, "a block needs a title and a text.");

        RichText Text(string language, IReadOnlyList<string>? lines)
        {
            Require(lines is { Count: > 0 }, path, $"the '{language}' text is missing or empty.");
            try
            {
                return RichText.Parse(lines!, BlockPlaceholders);
            }
            catch (FormatException exception)
            {
                throw new InvalidDataException($"{Name(path)}: text '{language}', {exception.Message}", exception);
            }
        }
        return new ContentBlock(
            file.Id!,
            new Bilingual<string>(PlainText(file.Title!.Nl, path, "the 'nl' title", 120), PlainText(file.Title.En, path, "the 'en' title", 120)),
            new Bilingual<RichText>(Text(MailLanguages.Dutch, file.Text!.Nl), Text(MailLanguages.English, file.Text.En)));
    }

    private static MailTemplate LoadTemplate(string path, IReadOnlySet<string> blockIds)
    {
        var file = Read<TemplateFile>(path);
        Require(IdPattern().IsMatch(file.CrimeType ?? ""), path, $"crimeType '{file.CrimeType}' must be lower-case letters, digits and hyphens.");
        Require(Path.GetFileName(path) == file.CrimeType + ".json", path, $"the template for '{file.CrimeType}' must be in '{file.CrimeType}.json'.");
        Require(file.Label is not null && file.Subject is not null && file.Intro is not null && file.Blocks is not null, path,
            "a template needs label, subject, intro and blocks.");
        Require(file.Blocks!.Count is > 0 and <= MaxTemplateBlocks, path, $"a template lists 1 to {MaxTemplateBlocks} blocks (it is meant to be compact).");
        foreach (var id in file.Blocks)
        {
            Require(id is not null && blockIds.Contains(id), path, $"unknown block '{id}'; known: {string.Join(", ", blockIds.Order(StringComparer.Ordinal))}.");
            Require(id != ContactBlock, path, $"'{ContactBlock}' is added to every mail last; do not list it.");
        }
        Require(file.Blocks.Distinct(StringComparer.Ordinal).Count() == file.Blocks.Count, path, "a block is listed twice.");

        IReadOnlyList<IFluidTemplate> Intro(string language, IReadOnlyList<string>? paragraphs)
        {
            Require(paragraphs is { Count: > 0 }, path, $"the '{language}' intro is missing or empty.");
            return [.. paragraphs!.Select((paragraph, index) =>
            {
                Require(!string.IsNullOrWhiteSpace(paragraph) && !paragraph.Any(char.IsControl), path, $"intro '{language}' paragraph {index + 1} is empty or has control characters.");
                return Liquid.Parse(paragraph, TextPlaceholders, $"{Name(path)}: intro '{language}' paragraph {index + 1}");
            })];
        }
        return new MailTemplate(
            file.CrimeType!,
            new Bilingual<string>(PlainText(file.Label!.Nl, path, "the 'nl' label", 80), PlainText(file.Label.En, path, "the 'en' label", 80)),
            // The subject is a fixed text: it shows on lock screens and in notifications, so it carries no name.
            new Bilingual<string>(PlainText(file.Subject!.Nl, path, "the 'nl' subject", 120), PlainText(file.Subject.En, path, "the 'en' subject", 120)),
            new Bilingual<IReadOnlyList<IFluidTemplate>>(Intro(MailLanguages.Dutch, file.Intro!.Nl), Intro(MailLanguages.English, file.Intro.En)),
            [.. file.Blocks]);
    }

    private static MailLayout LoadLayout(string folder)
    {
        IFluidTemplate LayoutFile(string file)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path)) throw new InvalidDataException($"{LayoutFolder}/{file}: the layout is missing.");
            return Liquid.Parse(File.ReadAllText(path), LayoutNames, $"{LayoutFolder}/{file}");
        }

        var textsPath = Path.Combine(folder, TextsFile);
        if (!File.Exists(textsPath)) throw new InvalidDataException($"{LayoutFolder}/{TextsFile}: the layout texts are missing.");
        var file = Read<LayoutTextsFile>(textsPath);
        var given = new Bilingual<string>?[] { file.Greeting, file.SatisfactionQuestion, file.SatisfactionLink, file.Closing, file.Signature, file.Footer };
        var texts = new Dictionary<string, Bilingual<IFluidTemplate>>(StringComparer.Ordinal);
        for (var i = 0; i < LayoutTextNames.Count; i++)
        {
            var name = LayoutTextNames[i];
            Require(given[i] is not null, textsPath, $"'{name}' is missing.");
            IFluidTemplate Text(string language, string? source)
            {
                Require(!string.IsNullOrWhiteSpace(source) && !source.Any(char.IsControl), textsPath, $"'{name}' '{language}' is missing, empty or has control characters.");
                return Liquid.Parse(source!, TextPlaceholders, $"{LayoutFolder}/{TextsFile}: '{name}' '{language}'");
            }
            texts[name] = new Bilingual<IFluidTemplate>(Text(MailLanguages.Dutch, given[i]!.Nl), Text(MailLanguages.English, given[i]!.En));
        }
        return new MailLayout(LayoutFile(HtmlLayoutFile), LayoutFile(TextLayoutFile), texts);
    }

    /// <summary>
    /// Renders every template in both languages, with and without a name and with every extra block (with a name strictly: any
    /// undefined value or member is an error), so a mistake the checks above cannot see still stops the app at start.
    /// </summary>
    private static void TrialRender(InfoMailCatalog catalog)
    {
        var settings = new InfoMailRenderSettings("https://www.example.org/tevredenheid", 30);
        foreach (var template in catalog.Templates)
        {
            foreach (var language in MailLanguages.All)
            {
                foreach (var name in new[] { "Proef Naam", null })
                {
                    try
                    {
                        // Strict where every value is there; without a name, lenient (strict mode treats the absent name as an error).
                        InfoMailRenderer.Render(catalog, new InfoMailDraft(template.CrimeType, language, name, catalog.ResolveBlocks(template, catalog.BlockIds)),
                            "trial", settings, name is null ? Liquid.Lenient : Liquid.Strict);
                    }
                    catch (Exception exception) when (exception is FluidException or InvalidOperationException)
                    {
                        throw new InvalidDataException(
                            $"{TemplatesFolder}/{template.CrimeType}.json ('{language}', {(name is null ? "without" : "with")} a name) does not render with the layouts: {exception.Message}", exception);
                    }
                }
            }
        }
    }
}
