using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Common.RateLimits;
using Steunpunt.Common.Storage;
using Steunpunt.MailIntake;

namespace Steunpunt.IntegrationTests.Common;

/// <summary>The shared limiter on real storage: one count for every instance, and counters that do not outlive their day.</summary>
[Collection(LocalHostCollection.Name)]
public class RateLimitTests(LocalHostFixture fixture)
{
    /// <summary>A second local host on the same Azurite, its clock on the fixture's moment: another instance of the app.</summary>
    private sealed class SecondInstance(DateTimeOffset start) : LocalHostFixture(start);

    private static async Task<HttpStatusCode> SubmitAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail-intake")
        {
            Content = JsonContent.Create(new { replyAddress = $"afzender-{Guid.NewGuid():N}@example.org", question = "Wat kan ik doen?", consentToStore = false }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Two_instances_share_one_limit()
    {
        var second = new SecondInstance(fixture.Clock.GetUtcNow());
        await second.InitializeAsync();
        try
        {
            var limit = fixture.Services.GetRequiredService<IOptions<MailIntakeOptions>>().Value.SubmissionsPerHourPerAddress;
            var client = $"203.0.113.{Random.Shared.Next(1, 255)}";
            var hosts = new[] { fixture.Client, second.Client };
            var answers = new List<HttpStatusCode>();
            // Taking turns: each instance alone sees fewer than the limit, so only a shared count refuses the last two.
            for (var i = 0; i < limit + 2; i++) answers.Add(await SubmitAsync(hosts[i % 2], client));
            Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, limit), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_acts_on_two_instances_never_exceed_the_limit()
    {
        var second = new SecondInstance(fixture.Clock.GetUtcNow());
        await second.InitializeAsync();
        try
        {
            var limiters = new[] { fixture.Services.GetRequiredService<RateLimiter>(), second.Services.GetRequiredService<RateLimiter>() };
            var limit = RateLimit.PerHour("test-concurrent", 10);
            var subject = Guid.NewGuid().ToString("N");
            var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => limiters[i % 2].TryAcquireAsync(limit, subject, default)));
            Assert.InRange(outcomes.Count(o => o.Allowed), 1, 10);
            // Losers of a race try again: with 40 callers at most a handful give up, so the limit is (nearly) reached.
            Assert.True(outcomes.Count(o => o.Allowed) >= 5, $"{outcomes.Count(o => o.Allowed)} allowed");
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_nightly_purge_removes_the_counters_of_past_days_only()
    {
        fixture.FreshDay();
        var limiter = fixture.Services.GetRequiredService<RateLimiter>();
        var limit = RateLimit.PerHour("test-purge", 5);
        var oldSubject = Guid.NewGuid().ToString("N");
        Assert.True((await limiter.TryAcquireAsync(limit, oldSubject, default)).Allowed);
        var oldKey = await limiter.CounterKeyAsync(limit, oldSubject, FixedWindow.Of(fixture.Clock.GetUtcNow(), limit.Window), default);
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        var newSubject = Guid.NewGuid().ToString("N");
        Assert.True((await limiter.TryAcquireAsync(limit, newSubject, default)).Allowed);
        var newKey = await limiter.CounterKeyAsync(limit, newSubject, FixedWindow.Of(fixture.Clock.GetUtcNow(), limit.Window), default);

        var table = fixture.Storage.Tables.GetTableClient(StorageNames.Tables.RateLimits);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(oldKey.Partition, oldKey.Row)).HasValue);
        var response = await fixture.Client.PostAsync("/admin/functions/PurgeRateLimits", JsonContent.Create(new { input = "" }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(oldKey.Partition, oldKey.Row)).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>(newKey.Partition, newKey.Row)).HasValue);
    }

    [Fact]
    public async Task No_counter_holds_the_subject_in_clear()
    {
        var limiter = fixture.Services.GetRequiredService<RateLimiter>();
        var limit = RateLimit.PerDay("test-clear", 1);
        var subject = "phone:+3161" + Random.Shared.Next(1_000_000, 9_999_999);
        Assert.True((await limiter.TryAcquireAsync(limit, subject, default)).Allowed);
        Assert.True((await limiter.TryAcquireAsync(limit, subject, default)).Refused);
        var key = await limiter.CounterKeyAsync(limit, subject, FixedWindow.Of(fixture.Clock.GetUtcNow(), limit.Window), default);
        var row = (await fixture.Storage.Tables.GetTableClient(StorageNames.Tables.RateLimits).GetEntityAsync<TableEntity>(key.Partition, key.Row)).Value;
        Assert.DoesNotContain(subject[6..], string.Join("|", row.Keys.Select(k => $"{k}={row[k]}")));
    }
}
