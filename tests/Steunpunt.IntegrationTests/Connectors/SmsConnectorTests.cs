using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Connectors;
using Steunpunt.Connectors.CommunicationServices;
using Steunpunt.Connectors.Events;
using Steunpunt.Connectors.Sms;
using Steunpunt.LocalHost.Emulators;
using Steunpunt.LocalHost.Emulators.CommunicationServices;

namespace Steunpunt.IntegrationTests.Connectors;

/// <summary>The SMS client against the emulator, and delivery reports coming back through Event Grid to the webhook function.</summary>
[Collection(LocalHostCollection.Name)]
public class SmsConnectorTests(LocalHostFixture fixture)
{
    private ISmsSender Sender => fixture.Services.GetRequiredService<ISmsSender>();
    private SmsDeliveryReports Reports => fixture.Services.GetRequiredService<SmsDeliveryReports>();

    /// <summary>A Dutch mobile number no other test uses, in the form a person types it.</summary>
    private static string NewMobile() => "06 1" + Random.Shared.Next(1_000_000, 9_999_999);

    private static string E164(string mobile) => "+316" + mobile[3..];

    private IdempotencyKey NewKey() => new("test-sms-" + Guid.NewGuid().ToString("N"), fixture.Clock.GetUtcNow());

    [Fact]
    public async Task Numbers_are_normalised_to_E164_and_invalid_ones_are_not_sent()
    {
        var mobile = NewMobile();
        var results = await Sender.SendAsync(new SmsMessage([mobile, "12345", "020 123 4567"], "Herinnering: morgen om 10:00 uur."), NewKey(), default);

        Assert.True(results[0].Successful);
        Assert.Equal(E164(mobile), results[0].SentTo);
        Assert.StartsWith("Outgoing_", results[0].MessageId);
        Assert.False(results[1].Successful);
        Assert.Null(results[1].SentTo);
        Assert.False(results[2].Successful);
        Assert.Contains("mobiel", results[2].Error);
        var sms = Assert.Single(await fixture.OutboxAsync(DevOutbox.Sms, E164(mobile)));
        Assert.Equal("Herinnering: morgen om 10:00 uur.", sms.Text);
    }

    [Fact]
    public async Task A_repeated_send_with_the_same_key_is_recognised_by_the_service_and_sent_once()
    {
        var mobile = NewMobile();
        var key = NewKey();
        var first = await Sender.SendAsync(new SmsMessage([mobile], "Een"), key, default);
        var second = await Sender.SendAsync(new SmsMessage([mobile], "Een"), key, default);

        Assert.Equal("accepted", first[0].RepeatabilityResult);
        Assert.Equal(first[0].MessageId, second[0].MessageId);
        Assert.Single(await fixture.OutboxAsync(DevOutbox.Sms, E164(mobile)));
    }

    [Fact]
    public async Task Throttling_and_a_lost_response_still_give_one_sms()
    {
        var mobile = NewMobile();
        await fixture.InjectAsync(new FaultRule { Target = "sms", Status = 429, RetryAfterSeconds = 1, Recipient = E164(mobile) });
        await fixture.InjectAsync(new FaultRule { Target = "sms", Status = 503, AfterAccept = true, Recipient = E164(mobile) });

        var results = await Sender.SendAsync(new SmsMessage([mobile], "Twee"), NewKey(), default);

        Assert.True(results[0].Successful);
        Assert.Single(await fixture.OutboxAsync(DevOutbox.Sms, E164(mobile)));
    }

    [Fact]
    public async Task A_recipient_the_service_cannot_take_at_that_moment_fails_the_send_and_the_retry_sends_once()
    {
        var mobile = NewMobile();
        var key = NewKey();
        await fixture.InjectAsync(new FaultRule { Target = "sms", RecipientStatus = 503, Recipient = E164(mobile) });

        var error = await Assert.ThrowsAsync<CommunicationServiceException>(() => Sender.SendAsync(new SmsMessage([mobile], "Vijf"), key, default));
        var retried = await Sender.SendAsync(new SmsMessage([mobile], "Vijf"), key, default);

        Assert.Equal(503, error.Status);
        Assert.True(retried[0].Successful);
        Assert.Equal("Vijf", Assert.Single(await fixture.OutboxAsync(DevOutbox.Sms, E164(mobile))).Text);
    }

    [Fact]
    public async Task A_delivery_report_comes_back_through_event_grid_and_is_kept_by_message_id()
    {
        var results = await Sender.SendAsync(new SmsMessage([NewMobile()], "Drie", Tag: "reminder-123"), NewKey(), default);

        var report = await LocalHostFixture.EventuallyAsync(() => Reports.FindAsync(results[0].MessageId!, default), "the delivery report");
        Assert.Equal("Delivered", report.DeliveryStatus);
        Assert.Equal("reminder-123", report.Tag);
    }

    [Fact]
    public async Task A_failed_delivery_is_reported_as_failed()
    {
        var mobile = NewMobile();
        await fixture.InjectAsync(new FaultRule { Target = "sms", DeliveryStatus = "Failed", Recipient = E164(mobile) });

        var results = await Sender.SendAsync(new SmsMessage([mobile], "Vier"), NewKey(), default);

        var report = await LocalHostFixture.EventuallyAsync(() => Reports.FindAsync(results[0].MessageId!, default), "the delivery report");
        Assert.Equal("Failed", report.DeliveryStatus);
    }
}
