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
public class DocsTests
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
