using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Storage;
using Steunpunt.IntegrationTests.Common;
using Steunpunt.SelfTests;

namespace Steunpunt.IntegrationTests.SelfTests;

/// <summary>
/// The self-tests' limits through the local host: per client address for responses, contact requests and funnel events,
/// and one call-back request per phone number or e-mail address a day whoever asks.
/// </summary>
[Collection(LocalHostCollection.Name)]
public class SelfTestLimitTests(LocalHostFixture fixture)
{
    private SelfTestOptions Options => fixture.Services.GetRequiredService<IOptions<SelfTestOptions>>().Value;

    private static string NewClient() => $"203.0.113.{Random.Shared.Next(1, 255)}, 198.51.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    private static async Task<HttpResponseMessage> RespondAsync(HttpClient client, string? forwardedFor, string sessionId, string? phone)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/selftests/trauma-screen/responses")
        {
            Content = JsonContent.Create(new
            {
                version = 1,
                sessionId,
                answers = Enumerable.Range(1, 10).ToDictionary(i => $"q{i}", _ => "yes"),
                contactRequest = phone is null ? null : new { channel = "phone", contact = phone },
            }),
        };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private static string E164(string mobile) => "+31" + mobile[1..].Replace(" ", "");

    private async Task<int> StoredContactRequestsAsync(IEnumerable<string> phones)
    {
        var table = fixture.Storage.Tables.GetTableClient(StorageNames.Tables.SelfTestContactRequests);
        var count = 0;
        foreach (var phone in phones)
        {
            await foreach (var _ in table.QueryAsync<TableEntity>($"Contact eq '{E164(phone)}'", select: ["RowKey"])) count++;
        }
        return count;
    }

    private async Task<int> CompletionsAsync(string sessionId)
    {
        var count = 0;
        await foreach (var _ in fixture.Storage.Tables.GetTableClient(StorageNames.Tables.SelfTestEvents).QueryAsync<TableEntity>($"SessionId eq '{sessionId}'", select: ["RowKey"])) count++;
        return count;
    }

    /// <summary>A sentinel from another visitor, queued after the refused ones and waited for: once it is stored, whatever was queued before it has been handled.</summary>
    private async Task SentinelStoredAsync()
    {
        var phone = LocalHostFixture.NewMobile();
        using var sentinel = await RespondAsync(fixture.Client, null, Guid.NewGuid().ToString("N"), phone);
        Assert.Equal(HttpStatusCode.OK, sentinel.StatusCode);
        await fixture.DrainedAsync(StorageNames.Queues.SelfTestContactRequests);
        Assert.Equal(1, await StoredContactRequestsAsync([phone]));
    }

    [Fact]
    public async Task Contact_requests_from_one_address_get_429_with_retry_after_past_the_limit_and_nothing_is_stored_or_queued_for_them()
    {
        var client = NewClient();
        var session = Guid.NewGuid().ToString("N");
        var limit = Options.ContactRequestsPerDayPerAddress;
        var phones = Enumerable.Range(0, limit + 5).Select(_ => LocalHostFixture.NewMobile()).ToList();
        var answers = new List<HttpResponseMessage>();
        foreach (var phone in phones) answers.Add(await RespondAsync(fixture.Client, client, session, phone));

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, limit), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5)], answers.Select(a => a.StatusCode));
        foreach (var refused in answers.Skip(limit))
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 86_400 }, "Retry-After in seconds, at most a day");
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.Contains("contact", problem.GetProperty("detail").GetString());
        }

        await SentinelStoredAsync();
        Assert.Equal(limit, await StoredContactRequestsAsync(phones));
        Assert.Equal(0, await StoredContactRequestsAsync(phones.Skip(limit)));
        Assert.Equal(limit, await CompletionsAsync(session)); // no completion recorded for a refused response either
    }

    [Fact]
    public async Task Responses_without_a_contact_request_have_their_own_hourly_limit_per_address()
    {
        var client = NewClient();
        var session = Guid.NewGuid().ToString("N");
        var limit = Options.ResponsesPerHourPerAddress;
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i <= limit; i++)
        {
            using var answer = await RespondAsync(fixture.Client, client, session, phone: null);
            codes.Add(answer.StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, limit), HttpStatusCode.TooManyRequests], codes);
        Assert.Equal(limit, await CompletionsAsync(session));
    }

    [Fact]
    public async Task One_call_back_request_per_phone_number_a_day_whatever_the_address_or_the_way_it_is_written()
    {
        fixture.FreshDay();
        var phone = LocalHostFixture.NewMobile();
        using var first = await RespondAsync(fixture.Client, NewClient(), Guid.NewGuid().ToString("N"), phone);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var again = await RespondAsync(fixture.Client, NewClient(), Guid.NewGuid().ToString("N"), "+31 " + phone[1..]);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.True(again.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 86_400 });

        await SentinelStoredAsync();
        Assert.Equal(1, await StoredContactRequestsAsync([phone]));

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        using var nextDay = await RespondAsync(fixture.Client, NewClient(), Guid.NewGuid().ToString("N"), phone);
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
    }

    [Fact]
    public async Task Funnel_events_from_one_address_are_limited()
    {
        var client = NewClient();
        var limit = Options.EventsPerHourPerAddress;
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i <= limit; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/selftests/trauma-screen/events") { Content = JsonContent.Create(new { @event = "viewed" }) };
            request.Headers.Add("X-Forwarded-For", client);
            using var answer = await fixture.Client.SendAsync(request);
            codes.Add(answer.StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, limit), HttpStatusCode.TooManyRequests], codes);
    }

    [Fact]
    public async Task A_forged_forwarded_for_from_a_peer_no_one_vouches_for_does_not_dodge_the_limit()
    {
        using var client = ClientAddressTests.ClientFrom("127.0.0.2", fixture.Client.BaseAddress!);
        var session = Guid.NewGuid().ToString("N");
        var limit = Options.ContactRequestsPerDayPerAddress;
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i <= limit; i++)
        {
            using var answer = await RespondAsync(client, NewClient(), session, LocalHostFixture.NewMobile());
            codes.Add(answer.StatusCode);
        }
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, limit), HttpStatusCode.TooManyRequests], codes);
    }
}
