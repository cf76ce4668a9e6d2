using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Steunpunt.MailIntake.Staff;

/// <summary>
/// What a staff member writes, made safe for a mail: HTML through HtmlSanitizer (no script, no event handlers, no
/// styles that hide text, links only http(s)/mailto/tel), and a plain-text alternative taken from the sanitised HTML.
/// </summary>
public static class ReplyContent
{
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "a", "h3", "h4", "blockquote" }) sanitizer.AllowedTags.Add(tag);
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.Add("href");
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "https", "http", "mailto", "tel" }) sanitizer.AllowedSchemes.Add(scheme);
        sanitizer.AllowedCssProperties.Clear();
        // Unknown tags (div, span, font from a pasted text) give way to their text; script-like ones take their content with them.
        sanitizer.KeepChildNodes = true;
        sanitizer.RemovingTag += (_, e) =>
        {
            if (e.Tag.LocalName is "script" or "style" or "noscript" or "template" or "iframe" or "object" or "embed" or "svg" or "math") e.Tag.TextContent = "";
        };
        return sanitizer;
    }

    /// <returns>The sanitised HTML (null for a text-only reply) and the plain text.</returns>
    public static (string? Html, string Text) From(string? html, string? text)
    {
        if (!string.IsNullOrWhiteSpace(html))
        {
            var safe = Sanitizer.Sanitize(html);
            return (safe, string.IsNullOrWhiteSpace(text) ? ToText(safe) : text.Trim());
        }
        return (null, text!.Trim());
    }

    /// <summary>Plain text from (sanitised) HTML: paragraphs and line breaks kept, links as "text (url)".</summary>
    public static string ToText(string html)
    {
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        var builder = new System.Text.StringBuilder();
        Walk(document.Body!, builder);
        return System.Text.RegularExpressions.Regex.Replace(builder.ToString(), "\n{3,}", "\n\n").Trim();
    }

    private static void Walk(INode node, System.Text.StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText textNode:
                    builder.Append(textNode.Data);
                    break;
                case IElement element:
                    var name = element.LocalName;
                    if (name == "br") { builder.Append('\n'); break; }
                    if (name == "li") builder.Append("- ");
                    Walk(element, builder);
                    if (name == "a" && element.GetAttribute("href") is { } href && href != element.TextContent) builder.Append($" ({href})");
                    if (name is "p" or "h3" or "h4" or "blockquote" or "ul" or "ol") builder.Append("\n\n");
                    else if (name == "li") builder.Append('\n');
                    break;
            }
        }
    }
}
