using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors.CommunicationServices;
using Steunpunt.Connectors.Sms;
using Steunpunt.LocalHost.Emulators.CommunicationServices;

namespace Steunpunt.IntegrationTests.Connectors;

/// <summary>
/// The Communication Services emulator spoken to over plain HTTP, as a client without our SDK-style connector would:
/// both documented ways to sign, and how the SMS API answers per recipient (number format, repeatability).
/// </summary>
[Collection(LocalHostCollection.Name)]
public class CommunicationServicesEmulatorTests(LocalHostFixture fixture)
{
    private const string SmsPath = "sms?api-version=" + AcsSmsClient.ApiVersion;

    private string From => fixture.Services.GetRequiredService<IOptions<SmsOptions>>().Value.From;

    /// <summary>A Dutch mobile number in E.164 that no other test uses.</summary>
    private static string NewMobile() => "+3161" + Random.Shared.Next(1_000_000, 9_999_999);

    private string SmsBody(string to, string text, string? repeatabilityRequestId = null, string? repeatabilityFirstSent = null)
        => JsonSerializer.Serialize(new
        {
            from = From,
            smsRecipients = new[] { new { to, repeatabilityRequestId, repeatabilityFirstSent } },
            message = text,
        }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });

    private async Task<JsonElement> SendSmsAsync(string body)
    {
        using var request = SignedEmulatorRequests.Create(fixture, HttpMethod.Post, SmsPath, body);
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value");
    }

    private static string? Text(JsonElement item, string name) => item.TryGetProperty(name, out var value) ? value.GetString() : null;

    [Fact]
    public async Task A_request_signed_over_the_Date_header_is_accepted_and_one_whose_Date_changed_after_signing_is_refused()
    {
        var mobile = NewMobile();
        var body = SmsBody(mobile, "Getekend met Date");

        using var signed = SignedEmulatorRequests.Create(fixture, HttpMethod.Post, SmsPath, body, SignedEmulatorRequests.Date);
        using var accepted = await fixture.Client.SendAsync(signed);
        using var tampered = SignedEmulatorRequests.Create(fixture, HttpMethod.Post, SmsPath, body, SignedEmulatorRequests.Date);
        tampered.Headers.Date = fixture.Clock.GetUtcNow().AddSeconds(1);
        using var refused = await fixture.Client.SendAsync(tampered);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Denied", refused.Headers.GetValues("x-ms-error-code").Single());
        Assert.Equal("Denied", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString());
        var sms = Assert.Single(await fixture.OutboxAsync(DevOutbox.Sms, mobile));
        Assert.Equal("Getekend met Date", sms.Text);
    }

    [Fact]
    public async Task A_repeatability_id_reused_for_another_recipient_or_text_is_rejected_for_it_and_sends_nothing()
    {
        var mobile = NewMobile();
        var other = NewMobile();
        var id = Guid.NewGuid().ToString();
        var firstSent = AcsHmac.Date(fixture.Clock.GetUtcNow());

        var original = (await SendSmsAsync(SmsBody(mobile, "Een", id, firstSent)))[0];
        var otherRecipient = (await SendSmsAsync(SmsBody(other, "Een", id, firstSent)))[0];
        var otherText = (await SendSmsAsync(SmsBody(mobile, "Twee", id, firstSent)))[0];
        var repeat = (await SendSmsAsync(SmsBody(mobile, "Een", id, firstSent)))[0];

        Assert.Equal("accepted", Text(original, "repeatabilityResult"));
        foreach (var (item, to) in new[] { (otherRecipient, other), (otherText, mobile) })
        {
            Assert.Equal(to, Text(item, "to"));
            Assert.Equal(400, item.GetProperty("httpStatusCode").GetInt32());
            Assert.False(item.GetProperty("successful").GetBoolean());
            Assert.Equal("rejected", Text(item, "repeatabilityResult"));
            Assert.NotEqual(Text(original, "messageId"), Text(item, "messageId"));
            Assert.Contains("repeatability", Text(item, "errorMessage"), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(Text(original, "messageId"), Text(repeat, "messageId"));
        Assert.Equal("accepted", Text(repeat, "repeatabilityResult"));
        Assert.Empty(await fixture.OutboxAsync(DevOutbox.Sms, other));
        Assert.Equal("Een", Assert.Single(await fixture.OutboxAsync(DevOutbox.Sms, mobile)).Text);
    }

    [Fact]
    public async Task The_same_repeatability_id_with_another_first_sent_time_is_another_request()
    {
        var mobile = NewMobile();
        var id = Guid.NewGuid().ToString();
        var now = fixture.Clock.GetUtcNow();

        var first = (await SendSmsAsync(SmsBody(mobile, "Een", id, AcsHmac.Date(now))))[0];
        var second = (await SendSmsAsync(SmsBody(mobile, "Een", id, AcsHmac.Date(now.AddMinutes(1)))))[0];

        Assert.Equal("accepted", Text(first, "repeatabilityResult"));
        Assert.Equal("accepted", Text(second, "repeatabilityResult"));
        Assert.NotEqual(Text(first, "messageId"), Text(second, "messageId"));
        Assert.Equal(2, (await fixture.OutboxAsync(DevOutbox.Sms, mobile)).Count);
    }

    [Theory]
    [InlineData("+112345678901")] // eleven digits after the North American country code (the official example's)
    [InlineData("+999123456789")] // no country has the code 999
    [InlineData("+310612345678")] // the national trunk 0 kept after the country code
    public async Task A_number_that_is_not_E164_gets_its_own_400_item_without_the_fields_the_service_leaves_out(string invalid)
    {
        var mobile = NewMobile();
        var body = JsonSerializer.Serialize(new { from = From, smsRecipients = new[] { new { to = mobile }, new { to = invalid } }, message = "Drie" });

        var items = await SendSmsAsync(body);

        Assert.Equal(["httpStatusCode", "messageId", "successful", "to"], items[0].EnumerateObject().Select(p => p.Name).Order());
        Assert.True(items[0].GetProperty("successful").GetBoolean());
        Assert.Equal(["errorMessage", "httpStatusCode", "successful", "to"], items[1].EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(400, items[1].GetProperty("httpStatusCode").GetInt32());
        Assert.False(items[1].GetProperty("successful").GetBoolean());
        Assert.Equal("Invalid To phone number format.", Text(items[1], "errorMessage"));
        Assert.Empty(await fixture.OutboxAsync(DevOutbox.Sms, invalid));
        Assert.Single(await fixture.OutboxAsync(DevOutbox.Sms, mobile));
    }
}
