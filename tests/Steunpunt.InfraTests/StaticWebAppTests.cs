using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

/// <summary>
/// The website widgets are served by a Static Web App on the Free tier, deployed by azd from web/dist, with
/// content-hashed bundles cached for good and open to any site (Subresource Integrity across origins needs CORS).
/// </summary>
[Collection(InfraCollection.Name)]
public partial class StaticWebAppTests(InfraBuild infra)
{
    private const string StaticSite = "Microsoft.Web/staticSites";
    private static readonly string Web = Path.Combine(InfraBuild.RepositoryRoot, "web");

    [Fact]
    public void The_widgets_get_one_Free_Static_Web_App_tagged_for_the_azd_widgets_service()
    {
        foreach (var snapshot in infra.All)
        {
            var site = snapshot.Single(StaticSite);
            Assert.Equal("Free", (string?)site["sku"]?["name"]);
            Assert.Equal("Free", (string?)site["sku"]?["tier"]);
            Assert.Equal("widgets", (string?)site["tags"]?["azd-service-name"]);
            Assert.Empty(snapshot.Resources("Microsoft.Web/staticSites/linkedBackends"));
        }
        // azd keeps it in the environment: where the embed snippet's files are.
        var output = infra.CompiledMain["outputs"]?["SERVICE_WIDGETS_URI"];
        Assert.NotNull(output);
        Assert.Contains("https://", (string?)output!["value"]);
    }

    [Fact]
    public void Azd_builds_the_widgets_with_npm_in_web_and_deploys_web_dist()
    {
        var yaml = File.ReadAllText(Path.Combine(InfraBuild.RepositoryRoot, "azure.yaml"));
        var widgets = WidgetsService().Match(yaml);
        Assert.True(widgets.Success, "azure.yaml has no 'widgets' service.");
        var block = widgets.Value;
        Assert.Matches(@"(?m)^\s+project: \./web$", block);
        Assert.Matches(@"(?m)^\s+language: js$", block);
        Assert.Matches(@"(?m)^\s+host: staticwebapp$", block);
        Assert.Matches(@"(?m)^\s+dist: dist$", block);
        var package = JsonNode.Parse(File.ReadAllText(Path.Combine(Web, "package.json")))!;
        Assert.Contains("build.mjs", (string?)package["scripts"]?["build"]);
        // The Static Web App reads its configuration from the root of what is deployed.
        Assert.Contains("staticwebapp.config.json", File.ReadAllText(Path.Combine(Web, "build.mjs")));
    }

    [Fact]
    public void Bundles_are_cached_for_good_the_manifest_is_revalidated_and_any_site_may_load_them()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Web, "staticwebapp.config.json")))!;
        var routes = config["routes"]!.AsArray().Select(r => r!.AsObject()).ToList();
        string? CacheControl(string route) => (string?)routes.Single(r => (string?)r["route"] == route)["headers"]?["Cache-Control"];

        Assert.Equal("public, max-age=31536000, immutable", CacheControl("/*.js"));
        Assert.Equal("no-cache", CacheControl("/manifest.json"));
        // SWA applies the first matching route: the manifest's rule must come before any wider one.
        Assert.True(routes.FindIndex(r => (string?)r["route"] == "/manifest.json") < routes.FindIndex(r => (string?)r["route"] == "/*.js"));
        Assert.Equal("*", (string?)config["globalHeaders"]?["Access-Control-Allow-Origin"]);
        Assert.StartsWith("text/javascript", (string?)config["mimeTypes"]?[".js"]);
    }

    [GeneratedRegex(@"(?m)^  widgets:\n(    .*\n)+")]
    private static partial Regex WidgetsService();
}
