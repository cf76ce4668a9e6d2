using System.Net;
using System.Text.Json;

namespace Steunpunt.IntegrationTests.Health;

[Collection(LocalHostCollection.Name)]
public class HealthTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Health_reports_that_storage_answers()
    {
        var response = await fixture.Client.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("storage").GetProperty("tables").GetString());
        Assert.Equal("ok", body.GetProperty("storage").GetProperty("queues").GetString());
    }

    [Fact]
    public async Task The_openapi_document_is_served()
    {
        var response = await fixture.Client.GetAsync("/api/openapi.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("3.", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("openapi").GetString());
    }
}
