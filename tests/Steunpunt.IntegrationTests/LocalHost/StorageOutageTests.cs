using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.LocalHost.Discovery;
using Steunpunt.LocalHost.Triggers;
using Steunpunt.MailIntake;
using Xunit.Abstractions;

namespace Steunpunt.IntegrationTests.LocalHost;

/// <summary>The local host while its storage hangs for 40 s (Azurite paused with SIGSTOP), and its answer to an unhandled exception.</summary>
public class StorageOutageTests(OutageHostFixture fixture, ITestOutputHelper output) : IClassFixture<OutageHostFixture>
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(10);

    private sealed record Posted(string Phase, string Address, HttpStatusCode? Status, TimeSpan Took, string? Reference, TimeSpan? RetryAfter, string? ProblemType);

    private async Task<Posted> PostFormAsync(string phase, int number)
    {
        var address = $"storing-{phase}-{number}-{Guid.NewGuid():N}@example.org";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail-intake")
        {
            Content = JsonContent.Create(new { replyAddress = address, question = "Ik word lastiggevallen. Wat kan ik doen?", consentToStore = true, crimeType = "violence" }),
        };
        request.Headers.Add("X-Forwarded-For", $"203.0.113.{Random.Shared.Next(1, 255)}");
        var started = Stopwatch.StartNew();
        try
        {
            using var response = await fixture.Client.SendAsync(request);
            var took = started.Elapsed;
            var body = await response.Content.ReadAsStringAsync();
            string? reference = null, problemType = null;
            if (response.StatusCode == HttpStatusCode.Accepted) reference = JsonSerializer.Deserialize<MailIntakeReceipt>(body, JsonDefaults.Web)!.Reference;
            else if (body.Length > 0) problemType = JsonDocument.Parse(body).RootElement.TryGetProperty("type", out var type) ? type.GetString() : null;
            return new Posted(phase, address, response.StatusCode, took, reference, response.Headers.RetryAfter?.Delta, problemType);
        }
        catch (TaskCanceledException)
        {
            return new Posted(phase, address, null, started.Elapsed, null, null, null);
        }
    }

    private async Task<int> CasesAsync(string reference)
    {
        var count = 0;
        var cases = fixture.Storage.Tables.GetTableClient(StorageNames.Tables.MailCases);
        await foreach (var _ in cases.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Reference eq {reference} and RowKey eq {"case"}"))) count++;
        return count;
    }

    private async Task<int> ReceiptsAsync(Posted form) => (await fixture.OutboxAsync(form.Address)).Count(m => m.Subject?.Contains(form.Reference!) == true);

    [Fact]
    public async Task Forms_around_a_40_s_storage_outage_get_202_with_one_case_and_one_receipt_each_or_a_quick_503_and_every_trigger_resumes()
    {
        var forms = new List<Posted>();
        for (var i = 0; i < 5; i++) forms.Add(await PostFormAsync("before", i));

        // Paused right after the last form, so some are still on the queue or half handled when storage stops answering.
        fixture.PauseStorage();
        var outage = Stopwatch.StartNew();
        var during = Enumerable.Range(0, 7).Select(async i =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2 + 5 * i));
            return await PostFormAsync("during", i);
        }).ToList();
        var health = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(4));
            var started = Stopwatch.StartNew();
            using var response = await fixture.Client.GetAsync("/api/health");
            return (response.StatusCode, Took: started.Elapsed, Body: JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        });
        // Every timer comes due in the middle of the outage: it runs, and storing its status fails.
        await Task.Delay(TimeSpan.FromSeconds(8));
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await Task.Delay(Outage - outage.Elapsed);
        fixture.ResumeStorage();
        forms.AddRange(await Task.WhenAll(during));

        for (var i = 0; i < 5; i++) forms.Add(await PostFormAsync("after", i));

        // Every timer finishes the run that fell in the outage and stores its next occurrence; then it runs again on its own schedule.
        var timers = fixture.Services.GetRequiredService<IReadOnlyList<FunctionInvoker>>()
            .Where(f => f.Function.Trigger is TimerTriggerDescriptor).Select(f => f.Function.Name).ToList();
        var status = fixture.Storage.Tables.GetTableClient(TimerTriggerScheduler.StatusTable);
        var resumedAt = fixture.Clock.GetUtcNow();
        await LocalHostFixture.EventuallyAsync(async () =>
        {
            var scheduled = 0;
            await foreach (var row in status.QueryAsync<TableEntity>(e => e.PartitionKey == "timers"))
            {
                if (timers.Contains(row.RowKey) && row.GetDateTime("Next") > resumedAt.UtcDateTime) scheduled++;
            }
            return scheduled == timers.Count ? "" : null;
        }, $"all {timers.Count} timers to store their next occurrence after the outage", seconds: 60);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var waitingFor = timers.ToList();
        var resumedTimers = await Record.ExceptionAsync(() => LocalHostFixture.EventuallyAsync(async () =>
        {
            await foreach (var row in status.QueryAsync<TableEntity>(e => e.PartitionKey == "timers"))
            {
                if (row.GetDateTime("Last") > resumedAt.UtcDateTime) waitingFor.Remove(row.RowKey);
            }
            return waitingFor.Count == 0 ? "" : null;
        }, $"all {timers.Count} timers to run after the outage", seconds: 60));

        // Every accepted form is stored and answered; then the queue is empty, so no second receipt is still on its way.
        var accepted = forms.Where(f => f.Status == HttpStatusCode.Accepted).ToList();
        foreach (var form in accepted)
        {
            await LocalHostFixture.EventuallyAsync(async () => await CasesAsync(form.Reference!) > 0 && await ReceiptsAsync(form) > 0 ? "" : null,
                $"the case and receipt of {form.Phase} form {form.Reference}", seconds: 60);
        }
        var intake = fixture.Storage.Queues.GetQueueClient(StorageNames.Queues.MailIntake);
        await LocalHostFixture.EventuallyAsync(async () => (await intake.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "" : null, "the intake queue to drain", seconds: 60);
        var cases = new Dictionary<Posted, int>();
        var receipts = new Dictionary<Posted, int>();
        foreach (var form in accepted)
        {
            cases[form] = await CasesAsync(form.Reference!);
            receipts[form] = await ReceiptsAsync(form);
        }
        var (healthStatus, healthTook, healthBody) = await health;

        foreach (var phase in new[] { "before", "during", "after" })
        {
            var inPhase = forms.Where(f => f.Phase == phase).ToList();
            output.WriteLine($"{phase}: posted {inPhase.Count}, 202 {inPhase.Count(f => f.Status == HttpStatusCode.Accepted)}, " +
                $"503 {inPhase.Count(f => f.Status == HttpStatusCode.ServiceUnavailable)}, other {inPhase.Count(f => f.Status is not (HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable))}, " +
                $"cases {inPhase.Where(cases.ContainsKey).Sum(f => cases[f])}, receipts {inPhase.Where(receipts.ContainsKey).Sum(f => receipts[f])}, " +
                $"slowest answer {inPhase.Max(f => f.Took).TotalSeconds:0.0} s");
        }
        output.WriteLine($"health during the outage: {(int)healthStatus} in {healthTook.TotalSeconds:0.0} s, storage {healthBody.GetProperty("storage")}");
        output.WriteLine($"timers that ran again after the outage: {timers.Count - waitingFor.Count} of {timers.Count}" +
            (waitingFor.Count > 0 ? $" (not: {string.Join(", ", waitingFor)})" : ""));

        Assert.Null(resumedTimers);
        Assert.All(forms.Where(f => f.Phase == "before"), f => Assert.Equal(HttpStatusCode.Accepted, f.Status));
        Assert.All(forms.Where(f => f.Phase == "during"), f =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, f.Status);
            Assert.InRange(f.Took, TimeSpan.Zero, AnswerWithin);
            Assert.Equal("urn:steunpunt:problem:storage-unavailable", f.ProblemType);
            Assert.NotNull(f.RetryAfter);
        });
        Assert.All(forms.Where(f => f.Phase == "after"), f => Assert.Equal(HttpStatusCode.Accepted, f.Status));
        Assert.All(accepted, f => Assert.Equal((1, 1), (cases[f], receipts[f])));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, healthStatus);
        Assert.InRange(healthTook, TimeSpan.Zero, AnswerWithin);
        Assert.Equal("unreachable", healthBody.GetProperty("storage").GetProperty("tables").GetString());
        Assert.Equal("unreachable", healthBody.GetProperty("storage").GetProperty("queues").GetString());
        Assert.False(fixture.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the host stopped");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task An_unhandled_exception_answers_the_dutch_problem_with_a_correlation_id_that_its_log_line_names_without_the_request_data()
    {
        var quoted = "bezoeker-" + Guid.NewGuid().ToString("N");
        var response = await fixture.Client.PostAsJsonAsync("/api/events/communication", new[]
        {
            new { id = Guid.NewGuid().ToString(), eventType = OutageHostFixture.ThrowingEventHandler.Type, subject = "", eventTime = DateTimeOffset.UtcNow, data = new { text = quoted }, dataVersion = "1" },
        });

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("urn:steunpunt:problem:internal-error", body.GetProperty("type").GetString());
        Assert.Equal("Er ging iets mis aan onze kant.", body.GetProperty("title").GetString());
        var correlationId = body.GetProperty("correlationId").GetString()!;
        var line = Assert.Single(fixture.Logs.GetSnapshot(), r => r.Message.Contains(correlationId));
        Assert.Contains("ReceiveCommunicationEvents", line.Message);
        Assert.Contains(nameof(InvalidOperationException), line.Message);
        Assert.DoesNotContain(fixture.Logs.GetSnapshot(), r => r.Message.Contains(quoted) || r.Exception?.Message.Contains(quoted) == true);
    }
}
