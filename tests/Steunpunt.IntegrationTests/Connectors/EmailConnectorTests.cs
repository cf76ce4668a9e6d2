using System.Net;
using System.Text;
using Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors;
using Steunpunt.Connectors.CommunicationServices;
using Steunpunt.Connectors.Email;
using Steunpunt.LocalHost.Emulators;
using Steunpunt.LocalHost.Emulators.CommunicationServices;

namespace Steunpunt.IntegrationTests.Connectors;

/// <summary>The e-mail client against the Communication Services emulator in the local host: signing, idempotency, faults.</summary>
[Collection(LocalHostCollection.Name)]
public class EmailConnectorTests(LocalHostFixture fixture)
{
    private IEmailSender Sender => fixture.Services.GetRequiredService<IEmailSender>();

    private static string NewAddress() => $"slachtoffer-{Guid.NewGuid():N}@example.org";

    private IdempotencyKey NewKey() => new("test-mail-" + Guid.NewGuid().ToString("N"), fixture.Clock.GetUtcNow());

    private static EmailMessage Message(string to) => new([new EmailAddress(to, "Test")], "Uw bericht is ontvangen",
        "Dank voor uw bericht.", "<p>Dank voor uw <b>bericht</b>.</p>");

    [Fact]
    public async Task A_mail_is_signed_accepted_followed_to_success_and_lands_in_the_outbox()
    {
        var to = NewAddress();
        var result = await Sender.SendAsync(Message(to), NewKey(), WaitUntil.Completed, default);

        Assert.Equal(EmailSendStatus.Succeeded, result.Status);
        var mail = Assert.Single(await fixture.OutboxAsync(DevOutbox.Email, to));
        Assert.Equal(result.OperationId, mail.Id);
        Assert.Equal("Uw bericht is ontvangen", mail.Subject);
        Assert.Equal("Dank voor uw bericht.", mail.PlainText);
        Assert.Equal("<p>Dank voor uw <b>bericht</b>.</p>", mail.Html);
        Assert.Equal(fixture.Services.GetRequiredService<IOptions<EmailOptions>>().Value.SenderAddress, mail.From);
    }

    [Fact]
    public async Task Sending_again_with_the_same_key_is_the_same_operation_not_a_second_mail()
    {
        var to = NewAddress();
        var key = NewKey();
        var first = await Sender.SendAsync(Message(to), key, WaitUntil.Completed, default);
        var second = await Sender.SendAsync(Message(to), key, WaitUntil.Completed, default);

        Assert.Equal(first.OperationId, second.OperationId);
        Assert.Single(await fixture.OutboxAsync(DevOutbox.Email, to));
    }

    [Fact]
    public async Task Throttling_with_retry_after_is_waited_out_and_gives_exactly_one_mail()
    {
        var to = NewAddress();
        await fixture.InjectAsync(new FaultRule { Target = "email", Status = 429, RetryAfterSeconds = 1, Times = 2, Recipient = to });
        var started = DateTime.UtcNow;

        var result = await Sender.SendAsync(Message(to), NewKey(), WaitUntil.Completed, default);

        Assert.Equal(EmailSendStatus.Succeeded, result.Status);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(1.9), "Retry-After was not honoured.");
        Assert.Single(await fixture.OutboxAsync(DevOutbox.Email, to));
    }

    [Fact]
    public async Task A_server_error_after_the_mail_was_accepted_is_retried_without_a_second_mail()
    {
        var to = NewAddress();
        await fixture.InjectAsync(new FaultRule { Target = "email", Status = 500, AfterAccept = true, Times = 2, Recipient = to });

        var result = await Sender.SendAsync(Message(to), NewKey(), WaitUntil.Completed, default);

        Assert.Equal(EmailSendStatus.Succeeded, result.Status);
        Assert.Single(await fixture.OutboxAsync(DevOutbox.Email, to));
    }

    [Fact]
    public async Task A_throttle_longer_than_we_wait_surfaces_as_a_typed_error_and_sends_nothing()
    {
        var to = NewAddress();
        await fixture.InjectAsync(new FaultRule { Target = "email", Status = 429, RetryAfterSeconds = 3600, Recipient = to });

        var error = await Assert.ThrowsAsync<CommunicationServiceException>(() => Sender.SendAsync(Message(to), NewKey(), WaitUntil.Completed, default));

        Assert.True(error.IsThrottled);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal("TooManyRequests", error.ErrorCode);
        Assert.Empty(await fixture.OutboxAsync(DevOutbox.Email, to));
    }

    [Fact]
    public async Task A_mail_the_service_cannot_deliver_ends_failed_with_its_error_code()
    {
        var to = NewAddress();
        await fixture.InjectAsync(new FaultRule { Target = "email", DeliveryStatus = "Failed", Recipient = to });

        var result = await Sender.SendAsync(Message(to), NewKey(), WaitUntil.Completed, default);

        Assert.Equal(EmailSendStatus.Failed, result.Status);
        Assert.Equal("EmailDropped", result.ErrorCode);
    }

    [Fact]
    public async Task A_wrong_access_key_is_refused_with_401_and_nothing_is_sent()
    {
        var configuration = fixture.Services.GetRequiredService<IConfiguration>();
        AcsConnectionString.TryParse(configuration["CommunicationServices:ConnectionString"], out var real, out _);
        var wrong = new CommunicationServicesOptions
        {
            ConnectionString = $"endpoint={real!.Endpoint};accesskey={Convert.ToBase64String(Encoding.UTF8.GetBytes("another key that is 32 bytes!!!!"))}",
            MaxRetries = 0,
        };
        var connection = new CommunicationServicesConnection(Options.Create(wrong), configuration, fixture.Clock);
        var sender = new AcsEmailClient(connection, fixture.Services.GetRequiredService<IOptions<EmailOptions>>(), NullLogger<AcsEmailClient>.Instance);
        var to = NewAddress();

        var error = await Assert.ThrowsAsync<CommunicationServiceException>(() => sender.SendAsync(Message(to), NewKey(), WaitUntil.Completed, default));

        Assert.Equal(401, error.Status);
        Assert.True(error.IsAuthenticationFailure);
        Assert.Empty(await fixture.OutboxAsync(DevOutbox.Email, to));
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused_with_401()
    {
        var to = NewAddress();
        var signedBody = $$$"""{"senderAddress":"DoNotReply@dev.steunpunt.local","recipients":{"to":[{"address":"{{{to}}}"}]},"content":{"subject":"a","plainText":"b"}}""";
        var sentBody = signedBody.Replace("\"b\"", "\"ander\"", StringComparison.Ordinal);

        using var request = SignedEmulatorRequests.Create(fixture, HttpMethod.Post, "emails:send?api-version=2023-03-31", sentBody, signedBody: signedBody);
        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("x-ms-content-sha256", await response.Content.ReadAsStringAsync());
        Assert.Empty(await fixture.OutboxAsync(DevOutbox.Email, to));
    }

    [Fact]
    public async Task The_outbox_page_shows_the_mail_for_a_person_with_its_html_inert()
    {
        var to = NewAddress();
        await Sender.SendAsync(new EmailMessage([new EmailAddress(to)], "Paginatest", "tekst", "<p>hoi</p><script>alert(1)</script>"), NewKey(), WaitUntil.Completed, default);

        var page = await fixture.Client.GetStringAsync("/dev/outbox");

        Assert.Contains("Paginatest", page);
        Assert.Contains("sandbox=\"\"", page);
        Assert.DoesNotContain("<script>alert(1)</script>", page);
    }
}
