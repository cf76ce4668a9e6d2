using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Steunpunt.LocalHost.Dev;

/// <summary>
/// The stylesheet of the overview and outbox pages, served from this host so their policy can stay <c>style-src 'self'</c>
/// (<see cref="Common.Http.SecurityHeaders.PagePolicy"/>) with no inline style.
/// </summary>
public static class DevStyles
{
    public const string Path = "/dev/stijl.css";
    public const string Link = $"""<link rel="stylesheet" href="{Path}">""";

    private const string Css = """
        body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}
        td,th{padding:.25rem .75rem;text-align:left;border-bottom:1px solid #ddd}
        article{border:1px solid #ccc;border-radius:.5rem;padding:.75rem;margin:.75rem 0}
        iframe{width:100%;height:16rem;border:1px solid #eee}.ok{color:#080}.bad{color:#b00}pre{white-space:pre-wrap}
        """;

    public static void Map(WebApplication app) => app.MapGet(Path, () => Results.Text(Css, "text/css; charset=utf-8"));
}
