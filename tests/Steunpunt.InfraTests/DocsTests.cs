using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

/// <summary>
/// The README stays a README (short, the two Quick start commands first) and the manual stays in the repository:
/// every link in README.md and docs/ resolves to a file here, and to a heading there when it names one.
/// </summary>
public partial class DocsTests
{
    private const int MaxReadmeLines = 200;
    private static readonly string Root = Path.GetFullPath(InfraBuild.RepositoryRoot);
    private static readonly string Readme = Path.Combine(Root, "README.md");
    private static readonly string Docs = Path.Combine(Root, "docs");

    // As GitHub renders: tables, bare URLs as links, heading ids as GitHub makes them.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables().UseAutoLinks().UseAutoIdentifiers(AutoIdentifierOptions.GitHub).Build();

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>("README.md");
        foreach (var file in Directory.EnumerateFiles(Docs, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(Root, file));
        }
        return pages;
    }

    [Fact]
    public void The_README_has_at_most_200_lines()
    {
        var lines = File.ReadAllLines(Readme).Length;
        Assert.True(lines <= MaxReadmeLines, $"README.md has {lines} lines; the manual belongs in docs/.");
    }

    [Fact]
    public void Quick_start_begins_with_the_two_commands_run_and_test()
    {
        var document = Parse(Readme);
        var blocks = document.ToList();
        var start = blocks.FindIndex(b => b is HeadingBlock { Level: 2 } h && Text(h) == "Quick start");
        Assert.True(start >= 0, "README.md has no '## Quick start'.");
        var section = blocks.Skip(start + 1).TakeWhile(b => b is not HeadingBlock { Level: <= 2 });
        var commands = section.OfType<FencedCodeBlock>().Take(2).Select(c => c.Lines.ToString().Trim()).ToList();
        Assert.Equal(["./steunpunt run", "./steunpunt test"], commands);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_link_stays_in_the_repository_and_resolves(string page)
    {
        var path = Path.Combine(Root, page);
        var wrong = new List<string>();
        foreach (var link in Parse(path).Descendants<LinkInline>())
        {
            var problem = Check(path, link.Url ?? "");
            if (problem is not null) wrong.Add($"'{link.Url}' (line {link.Line + 1}): {problem}");
        }
        // A path written as code (`../somewhere/FILE.md`) is a reference too, and the way one usually leaves the repository.
        foreach (var code in Parse(path).Descendants<CodeInline>().Where(c => c.Content.StartsWith("../", StringComparison.Ordinal)))
        {
            var problem = Check(path, code.Content.Split(' ')[0]);
            if (problem is not null) wrong.Add($"`{code.Content}` (line {code.Line + 1}): {problem}");
        }
        Assert.True(wrong.Count == 0, $"{page}:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void The_docs_index_and_the_README_link_every_page_of_the_manual()
    {
        var pages = Directory.EnumerateFiles(Docs, "*.md").Select(Path.GetFileName).Where(n => n != "README.md").ToList();
        Assert.NotEmpty(pages);
        var index = Targets(Path.Combine(Docs, "README.md"));
        var readme = Targets(Readme);
        Assert.All(pages, page =>
        {
            Assert.Contains(Path.Combine(Docs, page!), index);
            Assert.Contains(Path.Combine(Docs, page!), readme);
        });
    }

    [Fact]
    public void The_configuration_table_names_every_setting_of_the_app_and_only_settings_it_has()
    {
        var documented = DocumentedSettings().ToList();
        var unknown = documented.Where(s => Section(s) is not null && !Binds(s)).ToList();
        Assert.True(unknown.Count == 0, "docs/configuration.md names settings the app does not read: " + string.Join(", ", unknown));
        var missing = AppSettings().Where(s => !documented.Any(d => Covers(d, s))).ToList();
        Assert.True(missing.Count == 0, "docs/configuration.md has no row for: " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_setting_given_on_a_command_line_is_one_the_app_reads(string page)
    {
        var arguments = CommandLineSetting().Matches(File.ReadAllText(Path.Combine(Root, page))).Select(m => m.Groups[1].Value.Replace(":", "__"));
        Assert.All(arguments.Where(a => Section(a) is not null), a => Assert.True(Binds(a), $"{page}: '--{a.Replace("__", ":")}' is not a setting."));
    }

    /// <summary>The options classes the app binds (each names its section), by section.</summary>
    private static readonly Dictionary<string, Type> Sections = typeof(Steunpunt.Composition.SteunpuntServices).Assembly.GetTypes()
        .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
        .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
        .ToDictionary(x => (string)x.Field!.GetRawConstantValue()!, x => x.Type, StringComparer.OrdinalIgnoreCase);

    /// <summary>The settings in the first column of docs/configuration.md's table; <c>`__B`</c> after <c>`A__X`</c> is <c>A__B</c>.</summary>
    private static IEnumerable<string> DocumentedSettings()
    {
        foreach (var row in File.ReadLines(Path.Combine(Docs, "configuration.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            string? prefix = null;
            foreach (Match token in CodeToken().Matches(row.Split('|')[1]))
            {
                var name = token.Groups[1].Value;
                if (name.StartsWith("__", StringComparison.Ordinal) && prefix is not null) name = prefix + name;
                else prefix = name.Contains("__") ? name[..name.LastIndexOf("__", StringComparison.Ordinal)] : name;
                yield return name;
            }
        }
    }

    /// <summary>Every setting of every options class, as <c>Section__Property</c>; a dictionary or list as <c>Section__Property__*</c>.</summary>
    private static IEnumerable<string> AppSettings()
        => Sections.SelectMany(s => Settings(s.Value, s.Key.Replace(":", "__")));

    private static IEnumerable<string> Settings(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var name = prefix + "__" + property.Name;
            if (IsCollection(property.PropertyType)) yield return name + "__*";
            else if (IsLeaf(property.PropertyType)) yield return name;
            else foreach (var nested in Settings(property.PropertyType, name)) yield return nested;
        }
    }

    private static bool Covers(string documented, string setting)
        => setting.EndsWith("__*", StringComparison.Ordinal)
            ? documented.StartsWith(setting[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(documented, setting, StringComparison.OrdinalIgnoreCase);

    private static Type? Section(string setting) => Sections.GetValueOrDefault(setting.Split("__")[0]);

    /// <summary>Whether the app binds this setting: each part a public settable property, until a dictionary or list takes the rest as its key.</summary>
    private static bool Binds(string setting)
    {
        var type = Section(setting)!;
        foreach (var part in setting.Split("__").Skip(1))
        {
            var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property?.SetMethod?.IsPublic != true) return false;
            if (IsCollection(property.PropertyType)) return true;
            type = property.PropertyType;
        }
        return IsLeaf(type);
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool IsLeaf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeToken();

    [GeneratedRegex(@"--([A-Za-z]+(?::[A-Za-z0-9]+)+)=")]
    private static partial Regex CommandLineSetting();

    /// <summary>Why a link target is wrong, or null when it is a file (and heading) in the repository, or the local host.</summary>
    private static string? Check(string page, string url)
    {
        if (url.StartsWith("http://localhost:", StringComparison.Ordinal)) return null;
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme != Uri.UriSchemeFile) return "points outside the repository";
        var (file, anchor) = Resolve(page, url);
        if (!file.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && file != Root) return "points outside the repository";
        if (!File.Exists(file) && !Directory.Exists(file)) return "no such file";
        if (anchor is null) return null;
        if (!file.EndsWith(".md", StringComparison.Ordinal)) return "an anchor into a file that is not Markdown";
        var ids = Parse(file).Descendants<HeadingBlock>().Select(h => h.GetAttributes().Id).ToHashSet();
        return ids.Contains(anchor) ? null : $"no heading '#{anchor}' in {Path.GetRelativePath(Root, file)}";
    }

    private static (string File, string? Anchor) Resolve(string page, string url)
    {
        var hash = url.IndexOf('#');
        var target = hash < 0 ? url : url[..hash];
        var anchor = hash < 0 ? null : url[(hash + 1)..];
        var file = target.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(target)));
        return (file.TrimEnd(Path.DirectorySeparatorChar), anchor);
    }

    private static HashSet<string> Targets(string page)
        => Parse(page).Descendants<LinkInline>().Select(l => Resolve(page, l.Url ?? "").File).ToHashSet();

    private static MarkdownDocument Parse(string path) => Markdown.Parse(File.ReadAllText(path), Pipeline);

    private static string Text(HeadingBlock heading)
        => string.Concat(heading.Inline?.Descendants<LiteralInline>().Select(l => l.Content.ToString()) ?? []);
}
