using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Steunpunt.IntegrationTests.LocalHost;

/// <summary>
/// The local host serves the built widgets (web/dist, built by <c>./steunpunt test</c> and <c>run</c>) at /widgets/
/// and the demo of the organisation's website at /demo/: one script tag and one element per widget, nothing inline,
/// so the strict CSP the page gets can hold.
/// </summary>
[Collection(LocalHostCollection.Name)]
public partial class WidgetFilesTests(LocalHostFixture fixture)
{
    [GeneratedRegex("<script\\b([^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptTag();

    [GeneratedRegex("src=\"([^\"]+)\"")]
    private static partial Regex Src();

    [Fact]
    public async Task The_demo_page_embeds_each_widget_with_one_script_and_one_element_and_nothing_inline()
    {
        using var response = await fixture.Client.GetAsync("/demo/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();

        var scripts = ScriptTag().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.All(scripts, attributes => Assert.Matches(Src(), attributes));
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
        foreach (var widget in new[] { "chat", "mail-form", "selftest" })
        {
            Assert.Single(scripts, s => s.Contains($"src=\"/widgets/steunpunt-{widget}.js\""));
            Assert.Single(Regex.Matches(html, $"<steunpunt-{widget}[ >]"));
        }
    }

    [Fact]
    public async Task The_demo_without_its_slash_redirects_to_the_page()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Client.BaseAddress };
        using var response = await client.GetAsync("/demo");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/demo/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Every_bundle_of_the_manifest_is_served_with_its_integrity_and_cached_for_good_under_its_hashed_name()
    {
        using var manifestResponse = await fixture.Client.GetAsync("/widgets/manifest.json");
        Assert.True(manifestResponse.StatusCode == HttpStatusCode.OK,
            "web/dist/manifest.json is not there: ./steunpunt test builds the widgets (npm) before the tests; dotnet test alone does not.");
        using var manifest = JsonDocument.Parse(await manifestResponse.Content.ReadAsStringAsync());
        var files = manifest.RootElement.GetProperty("files").EnumerateObject().ToList();
        Assert.Contains(files, f => f.Name == "steunpunt-chat.js");
        Assert.Contains(files, f => f.Name == "steunpunt-signalr.js");

        foreach (var entry in files)
        {
            var hashed = entry.Value.GetProperty("file").GetString()!;
            using var response = await fixture.Client.GetAsync("/widgets/" + hashed);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(entry.Value.GetProperty("integrity").GetString(), "sha384-" + Convert.ToBase64String(SHA384.HashData(bytes)));
        }

        // The unhashed name the demo uses is revalidated every time: it changes with every build.
        using var stable = await fixture.Client.GetAsync("/widgets/steunpunt-chat.js");
        Assert.Equal(HttpStatusCode.OK, stable.StatusCode);
        Assert.Equal("no-cache", stable.Headers.CacheControl?.ToString());
    }
}
