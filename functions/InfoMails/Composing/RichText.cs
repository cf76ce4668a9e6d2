using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using Steunpunt.Common;

namespace Steunpunt.InfoMails.Composing;

/// <summary>
/// The small formatting language of content blocks ("Markdown-lite"), parsed once at start and rendered to HTML and to
/// plain text from the same tree, so both alternatives of a mail say the same thing:
/// <list type="bullet">
/// <item>an empty line separates paragraphs; lines of one paragraph are joined with a space;</item>
/// <item>a line starting with <c>- </c> is a list item;</item>
/// <item><c>**bold**</c> and <c>[label](url)</c>, where the url is <c>https:</c>, <c>tel:</c> or <c>mailto:</c> only;</item>
/// <item><c>{{ placeholder }}</c> for the few values the caller allows (settings, never what a user typed).</item>
/// </list>
/// Nothing else is markup: there is no raw HTML, and every character of text is HTML-encoded when rendered.
/// Anything that looks like unsupported Markdown is refused, so an author sees a clear error instead of stray symbols in a mail.
/// </summary>
public sealed partial class RichText
{
    public abstract record Inline;
    public sealed record TextRun(string Text) : Inline;
    public sealed record PlaceholderRun(string Name) : Inline;
    public sealed record StrongRun(IReadOnlyList<Inline> Content) : Inline;
    public sealed record LinkRun(string Label, string Url) : Inline;

    public abstract record Element;
    public sealed record Paragraph(IReadOnlyList<Inline> Content) : Element;
    public sealed record BulletList(IReadOnlyList<IReadOnlyList<Inline>> Items) : Element;

    public IReadOnlyList<Element> Elements { get; }
    public IReadOnlySet<string> Placeholders { get; }

    private RichText(IReadOnlyList<Element> elements, IReadOnlySet<string> placeholders)
    {
        Elements = elements;
        Placeholders = placeholders;
    }

    [GeneratedRegex(@"^tel:\+?[0-9]{3,15}$")]
    private static partial Regex TelPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,40}$")]
    private static partial Regex PlaceholderPattern();

    /// <summary>Parses the lines of one text; a mistake is a <see cref="FormatException"/> naming the line (1-based).</summary>
    public static RichText Parse(IReadOnlyList<string> lines, IReadOnlySet<string> allowedPlaceholders)
    {
        var elements = new List<Element>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var paragraph = new List<string>();
        var items = new List<IReadOnlyList<Inline>>();

        void FlushParagraph(int lineNumber)
        {
            if (paragraph.Count == 0) return;
            elements.Add(new Paragraph(ParseInline(string.Join(' ', paragraph), lineNumber - paragraph.Count, allowedPlaceholders, used)));
            paragraph.Clear();
        }
        void FlushList()
        {
            if (items.Count == 0) return;
            elements.Add(new BulletList([.. items]));
            items.Clear();
        }

        for (var index = 0; index < lines.Count; index++)
        {
            var number = index + 1;
            var line = lines[index] ?? throw new FormatException($"line {number}: null is not a line of text.");
            if (!FreeText.IsLine(line))
            {
                throw new FormatException($"line {number}: control characters (tabs, line breaks inside a line) are not allowed; use one array element per line.");
            }
            line = line.TrimEnd();
            if (line.Length == 0)
            {
                FlushParagraph(number);
                FlushList();
                continue;
            }
            if (line.StartsWith('#') || line.StartsWith("* ", StringComparison.Ordinal) || line.StartsWith('>') || line.StartsWith("1. ", StringComparison.Ordinal))
            {
                throw new FormatException($"line {number}: only paragraphs and '- ' lists are supported (no headings, quotes, '* ' or numbered lists).");
            }
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                FlushParagraph(number);
                var item = line[2..].Trim();
                if (item.Length == 0) throw new FormatException($"line {number}: empty list item.");
                items.Add(ParseInline(item, number, allowedPlaceholders, used));
                continue;
            }
            FlushList();
            paragraph.Add(line.Trim());
        }
        FlushParagraph(lines.Count + 1);
        FlushList();
        if (elements.Count == 0) throw new FormatException("the text is empty.");
        return new RichText(elements, used);
    }

    private static List<Inline> ParseInline(string text, int lineNumber, IReadOnlySet<string> allowed, HashSet<string> used, bool insideStrong = false)
    {
        var runs = new List<Inline>();
        var buffer = new StringBuilder();
        void Flush()
        {
            if (buffer.Length > 0) runs.Add(new TextRun(buffer.ToString()));
            buffer.Clear();
        }
        FormatException Error(string message) => new($"line {lineNumber}: {message}");

        var i = 0;
        while (i < text.Length)
        {
            if (At(text, i, "**"))
            {
                if (insideStrong) throw Error("'**' inside bold text.");
                var end = text.IndexOf("**", i + 2, StringComparison.Ordinal);
                if (end < 0) throw Error("'**' is not closed.");
                var inner = text[(i + 2)..end];
                if (inner.Trim().Length == 0 || inner != inner.Trim()) throw Error("bold text must not be empty or start or end with a space.");
                Flush();
                runs.Add(new StrongRun(ParseInline(inner, lineNumber, allowed, used, insideStrong: true)));
                i = end + 2;
            }
            else if (text[i] == '[')
            {
                if (insideStrong) throw Error("no links inside bold text.");
                var middle = text.IndexOf("](", i, StringComparison.Ordinal);
                var close = middle < 0 ? -1 : text.IndexOf(')', middle + 2);
                if (middle < 0 || close < 0) throw Error("'[' starts a link, written as [label](url).");
                var label = text[(i + 1)..middle];
                var url = text[(middle + 2)..close];
                if (label.Trim().Length == 0 || label.IndexOfAny(['[', ']', '*', '{', '}']) >= 0) throw Error($"link label '{label}' must be plain text.");
                if (CheckUrl(url) is { } problem) throw Error($"link '{url}': {problem}");
                Flush();
                runs.Add(new LinkRun(label, url));
                i = close + 1;
            }
            else if (text[i] == ']')
            {
                throw Error("']' without a '[' link before it.");
            }
            else if (At(text, i, "{{"))
            {
                var end = text.IndexOf("}}", i + 2, StringComparison.Ordinal);
                if (end < 0) throw Error("'{{' is not closed with '}}'.");
                var name = text[(i + 2)..end].Trim();
                if (!PlaceholderPattern().IsMatch(name)) throw Error($"'{{{{ {name} }}}}' is not a placeholder name.");
                if (!allowed.Contains(name))
                {
                    throw Error($"unknown placeholder '{name}'" + (allowed.Count == 0 ? "; this text takes none." : $"; known: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}."));
                }
                Flush();
                used.Add(name);
                runs.Add(new PlaceholderRun(name));
                i = end + 2;
            }
            else if (At(text, i, "{%") || At(text, i, "%}") || At(text, i, "}}"))
            {
                throw Error("template tags belong in templates and layouts, not in content blocks.");
            }
            else
            {
                buffer.Append(text[i]);
                i++;
            }
        }
        Flush();
        return runs;
    }

    private static bool At(string text, int index, string token) => string.CompareOrdinal(text, index, token, 0, token.Length) == 0;

    /// <summary>Why a link target is not allowed, or null: only <c>https:</c> (absolute), <c>tel:</c> (digits) and <c>mailto:</c> (one bare address).</summary>
    public static string? CheckUrl(string url)
    {
        if (url.Length == 0 || url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '\'' or '<' or '>' or '`' or '\\'))
        {
            return "a link target has no spaces, quotes, angle brackets or backslashes.";
        }
        if (url.StartsWith("https://", StringComparison.Ordinal))
        {
            return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Contains('.') && uri.UserInfo.Length == 0
                ? null
                : "not a valid https address.";
        }
        if (url.StartsWith("tel:", StringComparison.Ordinal))
        {
            return TelPattern().IsMatch(url) ? null : "write a phone link as tel: followed by digits only (an optional leading +).";
        }
        if (url.StartsWith("mailto:", StringComparison.Ordinal))
        {
            var address = url["mailto:".Length..];
            return MailAddress.TryCreate(address, out var parsed) && parsed.Address == address && parsed.Host.Contains('.')
                ? null
                : "write a mail link as mailto: followed by one bare address (no name, no ?subject).";
        }
        return "only https:, tel: and mailto: links are allowed.";
    }

    public string ToHtml(IReadOnlyDictionary<string, string> values)
    {
        var html = new StringBuilder();
        foreach (var element in Elements)
        {
            if (html.Length > 0) html.Append('\n');
            switch (element)
            {
                case Paragraph paragraph:
                    html.Append("<p>");
                    AppendHtml(html, paragraph.Content, values);
                    html.Append("</p>");
                    break;
                case BulletList list:
                    html.Append("<ul>");
                    foreach (var item in list.Items)
                    {
                        html.Append("\n<li>");
                        AppendHtml(html, item, values);
                        html.Append("</li>");
                    }
                    html.Append("\n</ul>");
                    break;
            }
        }
        return html.ToString();
    }

    private static void AppendHtml(StringBuilder html, IReadOnlyList<Inline> runs, IReadOnlyDictionary<string, string> values)
    {
        foreach (var run in runs)
        {
            switch (run)
            {
                case TextRun text:
                    html.Append(MailEncoding.Html.Encode(text.Text));
                    break;
                case PlaceholderRun placeholder:
                    html.Append(MailEncoding.Html.Encode(Value(values, placeholder.Name)));
                    break;
                case StrongRun strong:
                    html.Append("<strong>");
                    AppendHtml(html, strong.Content, values);
                    html.Append("</strong>");
                    break;
                case LinkRun link:
                    html.Append("<a href=\"").Append(MailEncoding.Html.Encode(link.Url)).Append("\">")
                        .Append(MailEncoding.Html.Encode(link.Label)).Append("</a>");
                    break;
            }
        }
    }

    public string ToText(IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder();
        foreach (var element in Elements)
        {
            if (text.Length > 0) text.Append("\n\n");
            switch (element)
            {
                case Paragraph paragraph:
                    AppendText(text, paragraph.Content, values);
                    break;
                case BulletList list:
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        if (i > 0) text.Append('\n');
                        text.Append("- ");
                        AppendText(text, list.Items[i], values);
                    }
                    break;
            }
        }
        return text.ToString();
    }

    private static void AppendText(StringBuilder text, IReadOnlyList<Inline> runs, IReadOnlyDictionary<string, string> values)
    {
        foreach (var run in runs)
        {
            switch (run)
            {
                case TextRun plain:
                    text.Append(plain.Text);
                    break;
                case PlaceholderRun placeholder:
                    text.Append(Value(values, placeholder.Name));
                    break;
                case StrongRun strong:
                    AppendText(text, strong.Content, values);
                    break;
                case LinkRun link:
                    text.Append(link.Label);
                    var target = TextTarget(link.Url);
                    if (!SameTarget(link.Label, link.Url, target)) text.Append(" (").Append(target).Append(')');
                    break;
            }
        }
    }

    /// <summary>How a link target reads in plain text: the number or address itself, or the full https address.</summary>
    private static string TextTarget(string url)
        => url.StartsWith("tel:", StringComparison.Ordinal) ? url[4..]
            : url.StartsWith("mailto:", StringComparison.Ordinal) ? url[7..]
            : url;

    private static bool SameTarget(string label, string url, string target)
        => url.StartsWith("tel:", StringComparison.Ordinal)
            ? Digits(label) == Digits(target)
            : string.Equals(label, target, StringComparison.OrdinalIgnoreCase);

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    private static string Value(IReadOnlyDictionary<string, string> values, string name)
        => values.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"No value for placeholder '{name}'.");
}
