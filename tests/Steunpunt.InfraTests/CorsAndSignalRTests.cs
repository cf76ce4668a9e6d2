using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

[Collection(InfraCollection.Name)]
public class CorsAndSignalRTests(InfraBuild infra)
{
    private const string SignalR = "Microsoft.SignalRService/signalR";

    [Fact]
    public void SignalR_runs_Serverless_with_Entra_ID_only()
    {
        foreach (var snapshot in infra.All)
        {
            var properties = snapshot.Single(SignalR)["properties"]!;
            var serviceMode = properties["features"]!.AsArray().Single(feature => (string?)feature!["flag"] == "ServiceMode");
            Assert.Equal("Serverless", (string?)serviceMode!["value"]);
            Assert.True((bool?)properties["disableLocalAuth"], "SignalR access keys must be off.");
            Assert.False((bool?)properties["disableAadAuth"] ?? false);
        }
    }

    [Fact]
    public void Only_the_website_origins_may_call_the_Function_App_and_connect_to_SignalR()
    {
        foreach (var snapshot in infra.All)
        {
            var signalROrigins = snapshot.Single(SignalR)["properties"]!["cors"]!["allowedOrigins"]!.AsArray().Select(origin => (string)origin!);
            var appOrigins = snapshot.Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["cors"]!["allowedOrigins"]!.AsArray().Select(origin => (string)origin!);
            Assert.Equal(BicepEnvironment.WebsiteOriginList, signalROrigins);
            Assert.Equal(BicepEnvironment.WebsiteOriginList, appOrigins);
        }
    }

    [Fact]
    public void The_Function_App_allows_credentials_for_the_explicit_website_origins_only()
    {
        // The browser SignalR client negotiates with credentials; App Service rejects '*' together with credentials.
        foreach (var snapshot in infra.All)
        {
            var cors = snapshot.Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["cors"]!;
            Assert.True((bool?)cors["supportCredentials"], $"{snapshot}: supportCredentials must be true.");
            var origins = cors["allowedOrigins"]!.AsArray().Select(origin => (string)origin!).ToList();
            Assert.NotEmpty(origins);
            Assert.All(origins, origin => Assert.Matches("^https://[^*/]+$", origin));
        }
    }

    [Fact]
    public void Prod_gets_a_SignalR_tier_with_an_SLA_and_dev_the_free_one()
    {
        Assert.Equal("Free_F1", (string?)infra.Dev.Single(SignalR)["sku"]?["name"]);
        Assert.Equal("Standard_S1", (string?)infra.Prod.Single(SignalR)["sku"]?["name"]);
    }
}
