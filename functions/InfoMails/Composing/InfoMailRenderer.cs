using System.Globalization;
using Fluid;

namespace Steunpunt.InfoMails.Composing;

/// <summary>What to compose: a crime type's template in one language, an optional name, and the blocks in their final order.</summary>
public sealed record InfoMailDraft(string CrimeType, string Language, string? Name, IReadOnlyList<string> Blocks);

/// <summary>A composed mail: subject, HTML body and its plain-text alternative, and which blocks it holds.</summary>
public sealed record ComposedMail(string Subject, string Html, string Text, IReadOnlyList<string> Blocks);

/// <summary>The settings a mail shows: the satisfaction page (without query) and how long the address is kept.</summary>
public sealed record InfoMailRenderSettings(string SatisfactionUrl, int RetentionDays);

/// <summary>
/// Composes a mail from the catalog. The name is the only text from outside: it goes in as a value and is encoded by the
/// HTML layout like everything else, never parsed as markup or as a template.
/// </summary>
public static class InfoMailRenderer
{
    public static string SatisfactionLink(InfoMailRenderSettings settings, string reference)
        => $"{settings.SatisfactionUrl}?ref={Uri.EscapeDataString(reference)}";

    public static ComposedMail Render(InfoMailCatalog catalog, InfoMailDraft draft, string reference, InfoMailRenderSettings settings, TemplateOptions options)
    {
        var template = catalog.FindTemplate(draft.CrimeType) ?? throw new InvalidOperationException($"There is no template for crime type '{draft.CrimeType}'.");
        var language = draft.Language;
        var settingValues = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["retention_days"] = settings.RetentionDays.ToString(CultureInfo.InvariantCulture),
        };
        var textValues = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = string.IsNullOrWhiteSpace(draft.Name) ? null : draft.Name,
            ["retention_days"] = settingValues["retention_days"],
        };

        var blocks = draft.Blocks.Select(id =>
        {
            var block = catalog.FindBlock(id) ?? throw new InvalidOperationException($"There is no content block '{id}'.");
            var title = block.Title.For(language);
            return new LayoutBlock(id, title, block.Text.For(language).ToHtml(settingValues), block.Text.For(language).ToText(settingValues), new string('-', title.Length));
        }).ToList();
        var texts = catalog.Layout.Texts.ToDictionary(t => t.Key, t => (object?)Liquid.RenderPlain(t.Value.For(language), textValues, options), StringComparer.Ordinal);
        var subject = template.Subject.For(language);

        var model = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["language"] = language,
            ["subject"] = subject,
            ["greeting"] = texts["greeting"],
            ["intro"] = template.Intro.For(language).Select(paragraph => Liquid.RenderPlain(paragraph, textValues, options)).ToList(),
            ["blocks"] = blocks,
            ["satisfaction_url"] = SatisfactionLink(settings, reference),
            ["texts"] = texts,
        };
        var html = Liquid.Render(catalog.Layout.Html, model, MailEncoding.Html, options);
        var text = Liquid.Render(catalog.Layout.Text, model, Fluid.NullEncoder.Default, options);
        return new ComposedMail(subject, html, Normalise(text), draft.Blocks);
    }

    /// <summary>Plain text with at most one empty line in a row, no trailing spaces, ending with one line break.</summary>
    private static string Normalise(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line.TrimEnd()).ToList();
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0 && (result.Count == 0 || result[^1].Length == 0)) continue;
            result.Add(line);
        }
        while (result.Count > 0 && result[^1].Length == 0) result.RemoveAt(result.Count - 1);
        return string.Join("\n", result) + "\n";
    }
}
