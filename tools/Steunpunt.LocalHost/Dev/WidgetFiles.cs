using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Steunpunt.LocalHost.Dev;

/// <summary>
/// The website widgets as the organisation's site gets them: the built bundles of <c>web/dist</c> (built by
/// <c>./steunpunt run</c> and <c>test</c>) at <c>/widgets/</c>, with the cache and CORS headers of the Static Web App
/// (<c>web/staticwebapp.config.json</c>), and a demo of "the organisation's website" embedding all three at <c>/demo/</c>.
/// </summary>
public static partial class WidgetFiles
{
    public const string WidgetsPath = "/widgets";
    public const string DemoPath = "/demo";

    /// <summary>Content-hashed bundle names (<c>steunpunt-chat.0123456789ab.js</c>) never change, so they may be cached for good.</summary>
    [GeneratedRegex(@"\.[0-9a-f]{12}\.js$")]
    private static partial Regex HashedName();

    public static bool IsHashed(string path) => HashedName().IsMatch(path);

    private const string PlainNameItem = "steunpunt-widget-plain-name";

    private static string? PlainName(PathString path)
        => path.StartsWithSegments(WidgetsPath, out var rest) && rest.Value is { } name && name.EndsWith(".js", StringComparison.Ordinal)
            && !IsHashed(name) && name.IndexOf('/', 1) < 0 ? name.TrimStart('/') : null;

    /// <summary>The hashed file the manifest names for a plain bundle name, or null (no build, or no such bundle).</summary>
    private static string? CurrentFile(string dist, string name)
    {
        try
        {
            using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dist, "manifest.json")));
            return manifest.RootElement.GetProperty("files").TryGetProperty(name, out var entry) ? entry.GetProperty("file").GetString() : null;
        }
        catch (Exception exception) when (exception is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    public static void Map(WebApplication app, string repositoryRoot)
    {
        // Made when missing, so the host starts before the first widget build and serves the files once they exist.
        var dist = Directory.CreateDirectory(Path.Combine(repositoryRoot, "web", "dist")).FullName;
        var demo = Path.Combine(repositoryRoot, "web", "demo");

        // The plain name (steunpunt-chat.js) is the current hashed file of the manifest, revalidated every time: what
        // the demo page embeds. In Azure there are hashed names only, and the embed snippet names one.
        app.Use((context, next) =>
        {
            if (PlainName(context.Request.Path) is { } name && CurrentFile(dist, name) is { } file)
            {
                context.Items[PlainNameItem] = true;
                context.Request.Path = WidgetsPath + "/" + file;
            }
            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = WidgetsPath,
            FileProvider = new PhysicalFileProvider(dist),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.CacheControl = IsHashed(context.File.Name) && !context.Context.Items.ContainsKey(PlainNameItem)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
                // Any site may embed the widgets; Subresource Integrity across origins needs this header.
                headers.AccessControlAllowOrigin = "*";
            },
        });

        if (!Directory.Exists(demo)) return;
        var demoFiles = new PhysicalFileProvider(demo);
        // Middleware, not an endpoint: routing ignores the trailing slash, and static files give way to any endpoint matched.
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value != DemoPath) return next(context);
            context.Response.Redirect(DemoPath + "/");
            return Task.CompletedTask;
        });
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = DemoPath, FileProvider = demoFiles });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = DemoPath,
            FileProvider = demoFiles,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
    }
}
