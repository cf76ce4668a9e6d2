using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Connectors.Events;

namespace Steunpunt.IntegrationTests.Connectors;

/// <summary>The Event Grid webhook function: both handshakes, both schemas, bad input.</summary>
[Collection(LocalHostCollection.Name)]
public class CommunicationEventsTests(LocalHostFixture fixture)
{
    private const string Url = "/api/events/communication";

    [Fact]
    public async Task The_subscription_validation_handshake_is_answered_with_the_code()
    {
        var code = Guid.NewGuid().ToString();
        var response = await fixture.Client.PostAsJsonAsync(Url, new[]
        {
            new { id = "1", eventType = CommunicationEventTypes.SubscriptionValidation, subject = "", eventTime = DateTimeOffset.UtcNow, data = new { validationCode = code }, dataVersion = "2" },
        });

        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, body.RootElement.GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task The_cloud_events_handshake_allows_the_origin_that_asks()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, Url);
        request.Headers.Add("WebHook-Request-Origin", "eventgrid.azure.net");
        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers.GetValues("WebHook-Allowed-Origin").Single());
    }

    [Fact]
    public async Task A_delivery_report_as_a_cloud_event_with_pascal_case_data_is_kept()
    {
        var messageId = "Outgoing_test_" + Guid.NewGuid().ToString("N");
        var cloudEvent = new
        {
            specversion = "1.0",
            id = Guid.NewGuid().ToString(),
            source = "/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/communicationServices/z",
            type = CommunicationEventTypes.SmsDeliveryReportReceived,
            time = DateTimeOffset.UtcNow,
            data = new { MessageId = messageId, From = "+3197010000001", To = "+31612345678", DeliveryStatus = "Failed", DeliveryStatusDetails = "Unknown", Tag = "t-1" },
        };
        var response = await fixture.Client.PostAsJsonAsync(Url, cloudEvent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await fixture.Services.GetRequiredService<SmsDeliveryReports>().FindAsync(messageId, default);
        Assert.Equal("Failed", report!.DeliveryStatus);
        Assert.Equal("t-1", report.Tag);
    }

    [Fact]
    public async Task Events_nobody_handles_are_acknowledged()
    {
        var response = await fixture.Client.PostAsJsonAsync(Url, new[]
        {
            new { id = "2", eventType = "Microsoft.Communication.EmailEngagementTrackingReportReceived", subject = "x", eventTime = DateTimeOffset.UtcNow, data = new { }, dataVersion = "1.0" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("42")]
    [InlineData("""[{"id":"1","data":{}}]""")]
    public async Task Malformed_payloads_get_a_problem_answer(string body)
    {
        var response = await fixture.Client.PostAsync(Url, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>The emulator's Event Grid push reaches the webhook function after the validation handshake.</summary>
[Collection(LocalHostCollection.Name)]
public class EventGridEmulatorTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task An_inbound_sms_is_pushed_to_the_webhook_and_acknowledged()
    {
        var text = "STOP " + Guid.NewGuid().ToString("N");
        var response = await fixture.Client.PostAsJsonAsync("/dev/sms/inbound", new { from = "+31612345678", to = "+3197010000001", message = text });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var publisher = fixture.Services.GetRequiredService<Steunpunt.LocalHost.Emulators.CommunicationServices.EventGridPublisher>();
        var published = await LocalHostFixture.EventuallyAsync(() => Task.FromResult(publisher.Recent()
            .FirstOrDefault(e => e.Type == CommunicationEventTypes.SmsReceived && JsonSerializer.Serialize(e.Data).Contains(text) && e.Delivery == "delivered")), "the inbound SMS to be delivered");
        Assert.NotNull(published);
    }
}
