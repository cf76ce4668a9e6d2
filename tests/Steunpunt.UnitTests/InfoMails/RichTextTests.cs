using Steunpunt.InfoMails.Composing;

namespace Steunpunt.UnitTests.InfoMails;

/// <summary>The Markdown-lite of content blocks: what it renders, and what it refuses.</summary>
public class RichTextTests
{
    private static readonly HashSet<string> Placeholders = ["retention_days"];
    private static readonly Dictionary<string, string> Values = new() { ["retention_days"] = "30" };

    private static RichText Parse(params string[] lines) => RichText.Parse(lines, Placeholders);

    [Fact]
    public void Paragraphs_lists_bold_links_and_placeholders_render_to_html_and_text()
    {
        var text = Parse(
            "Eerste regel",
            "loopt door.",
            "",
            "- **Bellen**: [0900-0101](tel:09000101)",
            "- Website: [schadefonds.nl](https://www.schadefonds.nl)",
            "- Mail [ons](mailto:info@example.nl) <binnen> {{ retention_days }} dagen & meer");

        Assert.Equal(
            "<p>Eerste regel loopt door.</p>\n<ul>\n<li><strong>Bellen</strong>: <a href=\"tel:09000101\">0900-0101</a></li>\n" +
            "<li>Website: <a href=\"https://www.schadefonds.nl\">schadefonds.nl</a></li>\n" +
            "<li>Mail <a href=\"mailto:info@example.nl\">ons</a> &lt;binnen&gt; 30 dagen &amp; meer</li>\n</ul>",
            text.ToHtml(Values));
        Assert.Equal(
            "Eerste regel loopt door.\n\n- Bellen: 0900-0101\n- Website: schadefonds.nl (https://www.schadefonds.nl)\n" +
            "- Mail ons (info@example.nl) <binnen> 30 dagen & meer",
            text.ToText(Values));
    }

    [Theory]
    [InlineData("https://www.example.nl/pad?x=1")]
    [InlineData("tel:112")]
    [InlineData("tel:+31900123")]
    [InlineData("mailto:hulp@example.nl")]
    public void Allowed_links(string url) => Assert.Null(RichText.CheckUrl(url));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1)")]
    [InlineData("http://www.example.nl")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("vbscript:msgbox")]
    [InlineData("/relatief/pad")]
    [InlineData("//example.nl")]
    [InlineData("https://")]
    [InlineData("https://gebruiker:geheim@example.nl")]
    [InlineData("tel:0900-0101")]
    [InlineData("tel:112;ext=1")]
    [InlineData("mailto:a@example.nl?bcc=b@example.nl")]
    [InlineData("mailto:Naam <a@example.nl>")]
    [InlineData("https://www.example.nl/\"onmouseover=\"x")]
    public void Other_links_are_refused(string url) => Assert.NotNull(RichText.CheckUrl(url));

    [Theory]
    [InlineData("**niet gesloten", "'**' is not closed")]
    [InlineData("** spatie**", "must not be empty or start or end with a space")]
    [InlineData("[label zonder url]", "'[' starts a link")]
    [InlineData("los ] haakje", "']' without a '['")]
    [InlineData("[klik](javascript:alert(1))", "only https:, tel: and mailto: links")]
    [InlineData("{{ naam }}", "unknown placeholder 'naam'")]
    [InlineData("{% if x %}", "template tags belong in templates")]
    [InlineData("# Kop", "only paragraphs and '- ' lists")]
    [InlineData("* ster", "only paragraphs and '- ' lists")]
    [InlineData("met\ttab", "control characters")]
    [InlineData("**[link](https://www.example.nl)**", "no links inside bold text")]
    public void Unsupported_or_broken_markup_is_refused_with_the_line(string line, string message)
    {
        var error = Assert.Throws<FormatException>(() => Parse("Goed.", "", line));
        Assert.StartsWith("line 3: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void An_empty_text_is_refused() => Assert.Throws<FormatException>(() => Parse("", "  "));
}
