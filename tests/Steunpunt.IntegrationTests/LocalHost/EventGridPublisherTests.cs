using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors.Events;
using Steunpunt.LocalHost.Emulators.CommunicationServices;

namespace Steunpunt.IntegrationTests.LocalHost;

/// <summary>The emulated Event Grid against a webhook of the test's own: the handshake passes as in Azure, only with a 200 and the code.</summary>
public class EventGridPublisherTests
{
    private static async Task<WebApplication> WebhookAsync(int validationStatus)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var first = body.RootElement[0];
            return first.GetProperty("eventType").GetString() == CommunicationEventTypes.SubscriptionValidation
                ? Results.Json(new { validationResponse = first.GetProperty("data").GetProperty("validationCode").GetString() }, statusCode: validationStatus)
                : Results.Ok();
        });
        await app.StartAsync();
        return app;
    }

    [Theory]
    [InlineData(200, "delivered")]
    [InlineData(202, "webhook did not pass subscription validation")]
    public async Task The_handshake_passes_only_with_a_200(int validationStatus, string delivery)
    {
        await using var webhook = await WebhookAsync(validationStatus);
        var options = Options.Create(new EventGridEmulatorOptions { Webhook = webhook.Urls.First() + "/hook" });
        using var publisher = new EventGridPublisher(options, TimeProvider.System, NullLogger<EventGridPublisher>.Instance);
        await publisher.StartAsync(default);
        try
        {
            publisher.Publish(CommunicationEventTypes.EmailDeliveryReportReceived, "sender/x/message/m-1", new { messageId = "m-1", status = "Delivered" }, TimeSpan.Zero);
            var published = Assert.Single(publisher.Recent());
            await LocalHostFixture.EventuallyAsync(() => Task.FromResult(published.Delivery.EndsWith(delivery, StringComparison.Ordinal) ? published : null), "the delivery outcome", 10);
        }
        finally
        {
            await publisher.StopAsync(default);
        }
    }
}
