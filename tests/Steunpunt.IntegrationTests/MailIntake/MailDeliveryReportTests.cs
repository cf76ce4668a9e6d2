using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Notifications;
using Steunpunt.Common.Json;
using Steunpunt.Connectors;
using Steunpunt.Connectors.Email;
using Steunpunt.Connectors.Events;
using Steunpunt.LocalHost.Emulators;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.MailIntake;
using Steunpunt.StaffNotifications;
using static Steunpunt.IntegrationTests.StaffNotifications.StaffNotificationTestKit;

namespace Steunpunt.IntegrationTests.MailIntake;

/// <summary>
/// E-mail delivery reports through the emulated Event Grid: a receipt that bounces (the send itself succeeded) raises
/// <c>mail-undeliverable</c> with the case's reference and without the address; a delivered one raises nothing.
/// </summary>
[Collection(LocalHostCollection.Name)]
public class MailDeliveryReportTests(LocalHostFixture fixture)
{
    private async Task<MailIntakeReceipt> SubmitAsync(string replyAddress)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail-intake")
        {
            Content = JsonContent.Create(new { replyAddress, question = "Mijn fiets is gestolen. Wat nu?", consentToStore = true, crimeType = "burglary" }),
        };
        request.Headers.Add("X-Forwarded-For", $"198.51.100.{Random.Shared.Next(1, 255)}");
        var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MailIntakeReceipt>(JsonDefaults.Web))!;
    }

    private static Predicate<JsonElement> UndeliverableFor(string reference) => e => e.GetProperty("kind").GetString() == StaffNotificationKinds.MailUndeliverable
        && e.GetProperty("details").TryGetProperty("caseReference", out var r) && r.GetString() == reference;

    [Fact]
    public async Task A_bounced_receipt_raises_mail_undeliverable_for_its_case_and_a_delivered_one_nothing()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var since = fixture.Clock.GetUtcNow();
        var bouncing = $"bestaat-niet-{Guid.NewGuid():N}@example.org";
        var working = $"werkt-{Guid.NewGuid():N}@example.org";
        await fixture.InjectAsync(new FaultRule { Target = "email", DeliveryStatus = "Bounced", Recipient = bouncing });

        var bounced = await SubmitAsync(bouncing);
        var delivered = await SubmitAsync(working);

        var listed = await ListedAsync(fixture, token, UndeliverableFor(bounced.Reference), "the mail-undeliverable notification", again: () => Task.CompletedTask);
        Assert.Equal("Bounced", listed.GetProperty("details").GetProperty("deliveryStatus").GetString());
        Assert.DoesNotContain(bouncing, listed.GetRawText(), StringComparison.OrdinalIgnoreCase);
        // The reference is the case, as for mail-received, so the console can open it.
        var received = await EventuallyListedAsync(fixture, token, e => e.GetProperty("kind").GetString() == StaffNotificationKinds.MailReceived
            && e.GetProperty("details").GetProperty("reference").GetString() == bounced.Reference, "the mail-received notification");
        Assert.Equal(received.GetProperty("reference").GetString(), listed.GetProperty("reference").GetString());

        // The send itself succeeded: the receipt is in the outbox, marked as bounced.
        var receipt = Assert.Single(await fixture.OutboxAsync(DevOutbox.Email, bouncing));
        Assert.Equal("Bounced", receipt.DeliveryStatus);

        // The working address's receipt was delivered and reported too (in the same stream of reports), and raised nothing.
        var other = await LocalHostFixture.EventuallyAsync(async () => (await fixture.OutboxAsync(DevOutbox.Email, working)).FirstOrDefault(), "the other receipt");
        await HandledByTheWebhookAsync(fixture, e => e.Type == CommunicationEventTypes.EmailDeliveryReportReceived
            && e.Subject.EndsWith("/message/" + other.Id, StringComparison.Ordinal), "the other receipt's report, handled");
        await SettledAsync(fixture, token, since);
        Assert.DoesNotContain(Items(await PageAsync(fixture, token, since)), UndeliverableFor(delivered.Reference));
    }

    [Fact]
    public async Task A_bounce_of_the_team_mailbox_itself_raises_nothing()
    {
        // Told to the team mailbox, it would only bounce again.
        var token = await fixture.StaffTokenAsync("staff");
        var since = fixture.Clock.GetUtcNow();
        var team = fixture.Services.GetRequiredService<TeamMailbox>().Address!;
        await fixture.InjectAsync(new FaultRule { Target = "email", DeliveryStatus = "Suppressed", Recipient = team });
        var key = new IdempotencyKey("test-team-bounce/" + Guid.NewGuid().ToString("N"), fixture.Clock.GetUtcNow());
        var sent = await fixture.Services.GetRequiredService<IEmailSender>().SendAsync(
            new EmailMessage([new EmailAddress(team)], "Test", "Test van de teammailbox.", null), key, Azure.WaitUntil.Completed, default);

        await HandledByTheWebhookAsync(fixture, e => e.Type == CommunicationEventTypes.EmailDeliveryReportReceived
            && e.Subject.EndsWith("/message/" + sent.OperationId, StringComparison.Ordinal), "the report, handled by the webhook");
        await SettledAsync(fixture, token, since);
        Assert.DoesNotContain(Items(await PageAsync(fixture, token, since)), e => e.GetProperty("kind").GetString() == StaffNotificationKinds.MailUndeliverable
            && e.GetProperty("reference").GetString() == sent.OperationId);
    }
}
