using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Steunpunt.Common.Http;

/// <summary>
/// The headers every answer carries, in both hosts: the worker registers them through <see cref="SecurityHeadersMiddleware"/>,
/// the local host in front of everything it serves (functions, dev pages, emulators). They are set when the response
/// starts, so they hold whatever wrote the answer (a handler, a problem, the unhandled-exception answer that clears the
/// response first), and a handler cannot forget them.
/// <list type="bullet">
/// <item><c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: no-referrer</c> on everything.</item>
/// <item><c>Cache-Control: no-store</c> unless the path is in <see cref="Cacheable"/>: nearly every answer carries a token,
/// a transcript, a case, a contact detail or an appointment, or is dynamic; an allow-list fails safe where an opt-in
/// per handler is forgotten.</item>
/// <item>A Content-Security-Policy: <see cref="PagePolicy"/> on HTML that brings no policy of its own (a page with inline
/// script sets its own, with hashes), <see cref="ResourcePolicy"/> on everything else.</item>
/// <item>No <c>Server</c> header (Kestrel's own is switched off in both hosts; this removes one a handler might set).</item>
/// </list>
/// </summary>
public static class SecurityHeaders
{
    /// <summary>For pages: scripts, styles, images and calls from this origin only; no plugins, frames, base or foreign forms.</summary>
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>For JSON, problems and files: nothing runs or loads on their behalf, and nobody frames them.</summary>
    public const string ResourcePolicy = "default-src 'none'; frame-ancestors 'none'";

    public const string NoStore = "no-store";

    /// <summary>
    /// The only answers that may be cached, by path, with how (successful answers only; an error is never stored):
    /// the API description is the same for everyone. Add here, with the reason, rather than in a handler.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Cacheable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["/api/openapi.json"] = "public, max-age=300",
    };

    /// <summary>Sets the headers when this response starts.</summary>
    /// <param name="servesFiles">
    /// Paths of a static file server (the local host's widget bundles and demo): the same for everyone, so a successful
    /// answer keeps the caching the file server chose (<c>no-cache</c> when it chose none).
    /// </param>
    public static void Register(HttpContext context, Func<PathString, bool>? servesFiles = null)
        => context.Response.OnStarting(() =>
        {
            Apply(context, servesFiles);
            return Task.CompletedTask;
        });

    public static void Apply(HttpContext context, Func<PathString, bool>? servesFiles = null)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.Remove(HeaderNames.Server);
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = IsHtml(response.ContentType) ? PagePolicy : ResourcePolicy;
        }
        var path = context.Request.Path;
        if (servesFiles?.Invoke(path) == true && response.StatusCode < 400)
        {
            if (string.IsNullOrEmpty(headers.CacheControl)) headers.CacheControl = "no-cache";
            return;
        }
        headers.CacheControl = response.StatusCode is >= 200 and < 300 or 304 && Cacheable.TryGetValue(path.Value ?? "", out var rule)
            ? rule
            : NoStore;
        headers.Remove(HeaderNames.Pragma);
        headers.Remove(HeaderNames.Expires);
    }

    public static bool IsHtml(string? contentType)
        => contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var type)
            && type.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase);
}
