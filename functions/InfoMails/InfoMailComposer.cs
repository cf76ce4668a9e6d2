using Microsoft.Extensions.Options;
using Steunpunt.InfoMails.Composing;

namespace Steunpunt.InfoMails;

/// <summary>Composes mails from the catalog with the configured satisfaction page and retention period.</summary>
public sealed class InfoMailComposer(InfoMailCatalog catalog, IOptions<InfoMailOptions> options)
{
    /// <summary>The reference a preview's satisfaction link shows (a sent mail shows its own id).</summary>
    public const string PreviewReference = "voorbeeld";

    public InfoMailCatalog Catalog => catalog;

    public InfoMailRenderSettings Settings => new(options.Value.SatisfactionUrl, options.Value.RetentionDays);

    public ComposedMail Compose(InfoMailDraft draft, string reference) => InfoMailRenderer.Render(catalog, draft, reference, Settings, Liquid.Lenient);
}
