using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Runtime;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Bench.Chat;
using Steunpunt.Bench.Http;
using Steunpunt.Common;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Azurite;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.LocalHost.Settings;
using Steunpunt.MailIntake;
using Steunpunt.MailIntake.Cases;

namespace Steunpunt.Bench.Mail;

/// <summary>
/// Mail intake end to end (issue 6 §6): <c>--forms</c> valid form posts (<c>POST /api/mail-intake</c>) by
/// <c>--concurrency</c> workers, each timed from the start of its POST to the moment its receipt is in this host's dev
/// outbox (the queue function <c>ProcessMailIntake</c> stored the case and sent it through the Communication Services
/// emulator). Against it, in the same run and with the same count and concurrency, the floor: the same message enqueued on
/// a queue of the benchmark's own, taken off by a minimal consumer with the host's queue semantics (batch, threshold,
/// back-off from host.json) that inserts one table row; timed enqueue start → row inserted.
/// </summary>
public static class MailBenchmark
{
    public const string Mail = "mail";
    public const string Floor = "floor";
    public const int WarmUpForms = 100;
    public const string FloorQueue = "bench-mail-floor";
    public const string FloorTable = "BenchMailFloor";
    public static readonly TimeSpan ReceiptTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan OutboxPoll = TimeSpan.FromMilliseconds(2);
    private const int CleanupParallelism = 8;

    public static async Task<MailFigures> RunAsync(BenchOptions options, TextWriter progress)
    {
        var root = RepositoryRoot.Find();
        await using var azurite = await AzuriteProcess.EnsureRunningAsync(root, dataFolder: null, Console.Out);
        var app = MailHost.Build(root);
        await app.StartAsync();
        using var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var stop = new CancellationTokenSource();
        var run = Convert.ToHexString(Guid.NewGuid().ToByteArray().AsSpan(0, 4)).ToLowerInvariant();
        var prefix = $"bench-mail-{run}-";
        var addresses = new ConcurrentBag<string>();
        var slots = new ConcurrentDictionary<string, Slot>(StringComparer.Ordinal);
        var other = new OtherMail();
        Task? poller = null, consumer = null;
        var services = app.Services;
        var storage = services.GetRequiredService<StorageAccount>();
        var floorQueue = storage.Queues.GetQueueClient(FloorQueue);
        var floorTable = storage.Tables.GetTableClient(FloorTable);
        var cleanupFailures = 0;
        using var metrics = new PathMetrics(byService: true);
        try
        {
            var baseAddress = new Uri(LocalFunctionsHost.Addresses(app).Select(a => new Uri(a)).First(u => u.IsLoopback), "/");
            var hostJson = services.GetRequiredService<HostJsonSettings>();
            foreach (var table in new[] { StorageNames.Tables.MailCases, StorageNames.Tables.MailInbox, StorageNames.Tables.MailSenders, StorageNames.Tables.MailStats, FloorTable })
            {
                await storage.Tables.GetTableClient(table).CreateIfNotExistsAsync();
            }
            await floorQueue.CreateIfNotExistsAsync();
            var intakeDepth = (await storage.Queues.GetQueueClient(StorageNames.Queues.MailIntake).GetPropertiesAsync()).Value.ApproximateMessagesCount;
            progress.WriteLine($"Mail: local host on {baseAddress}; listeners {string.Join(", ", MailHost.ListenedFunctions)}; e-mail retry-after {MailHost.RetryAfterSeconds} s; " +
                $"host.json queues: batchSize {hostJson.QueueBatchSize}, newBatchThreshold {hostJson.QueueNewBatchThreshold}, maxPollingInterval {hostJson.QueueMaxPollingInterval.TotalSeconds:0.#} s; " +
                $"'{StorageNames.Queues.MailIntake}' holds about {intakeDepth} message(s) before the run.");

            var outbox = services.GetRequiredService<DevOutbox>();
            poller = Task.Run(() => PollOutboxAsync(outbox, slots, prefix, other, stop.Token));
            consumer = Task.Run(() => ConsumeFloorAsync(floorQueue, floorTable, hostJson, slots, stop.Token));

            var next = 0;
            Task<MailRun> Go(string target, int count, string phase)
            {
                var first = next;
                next += count;
                return RunAsync(target, phase, first, count, options.Concurrency, client, baseAddress, prefix, storage, floorQueue, slots, addresses, metrics, progress);
            }

            // Between phases the queues this host listens to are drained (the mail path's redeliveries and staff notifications
            // come after its receipts), so neither target pays for the other's tail. The floor goes first: it leaves no tail.
            var drain = new Func<Task>(() => DrainAsync(storage, progress));
            // Warm-up rounds (both targets) until one compiles few methods: on two busy cores tiered compilation goes on for
            // a long time, and with a single round of 100 forms the mail path was still JIT-compiling thousands of methods
            // (about 40% of the process's CPU) all through its measured phase. The floor's code is mostly the same SDK
            // calls, warm after the first round.
            var warmUps = new List<MailRun>();
            for (var round = 1; round <= HttpBenchmark.MaxWarmUpRounds; round++)
            {
                var jitBefore = JitInfo.GetCompiledMethodCount();
                warmUps.Add(await Go(Mail, WarmUpForms, $"warm-up {round}"));
                await drain();
                warmUps.Add(await Go(Floor, WarmUpForms, $"warm-up {round}"));
                var compiled = JitInfo.GetCompiledMethodCount() - jitBefore;
                progress.WriteLine($"Mail: warm-up round {round} compiled {compiled:N0} methods.");
                if (round >= HttpBenchmark.MinWarmUpRounds && compiled < HttpBenchmark.QuietJitCompilations) break;
            }
            var azuriteCpu = AzuriteCpu.Find();
            await SettleAsync(azuriteCpu, progress);
            var floorRun = await Go(Floor, options.Forms, "measured");
            await drain();
            await SettleAsync(azuriteCpu, progress);
            var mailRun = await Go(Mail, options.Forms, "measured");
            await drain();
            var runs = new List<MailRun> { mailRun, floorRun };

            // Receipts that never came: was the case processed anyway (by another host on the shared Azurite)?
            var senders = services.GetRequiredService<MailSenders>();
            var senderTable = storage.Tables.GetTableClient(StorageNames.Tables.MailSenders);
            foreach (var result in warmUps.Concat(runs).Where(r => r.Target == Mail && r.MissingAddresses.Count > 0))
            {
                var stolen = 0;
                foreach (var address in result.MissingAddresses)
                {
                    var hash = await senders.HashAsync(address, CancellationToken.None);
                    if ((await senderTable.GetEntityIfExistsAsync<TableEntity>(hash, "sender")).HasValue) stolen++;
                }
                result.Stolen = stolen;
                progress.WriteLine($"Mail: {result.Phase} {result.Target}: {result.MissingAddresses.Count} receipt(s) missing, of which {stolen} processed elsewhere (another host on this Azurite took the message).");
            }

            return new MailFigures(options.Forms, options.Concurrency, hostJson.QueueBatchSize, hostJson.QueueNewBatchThreshold, hostJson.QueueMaxPollingInterval,
                hostJson.QueueVisibilityTimeout, intakeDepth, warmUps, runs[0], runs[1], other.Count, other.Sample)
            {
                CleanupFailures = () => cleanupFailures,
            };
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var task in new[] { poller, consumer }) if (task is not null) await task.ContinueWith(_ => { }, TaskScheduler.Default);
            // Erase the bench's cases (case row, thread, inbox row) and sender rows: a thousand "new" mails in a shared
            // inbox would get in everyone's way. Their anonymous statistics rows (MailStats) stay, as for any erased case.
            var store = services.GetRequiredService<MailCaseStore>();
            var senders = services.GetRequiredService<MailSenders>();
            var senderTable = storage.Tables.GetTableClient(StorageNames.Tables.MailSenders);
            await Parallel.ForEachAsync(addresses, new ParallelOptions { MaxDegreeOfParallelism = CleanupParallelism }, async (address, _) =>
            {
                try
                {
                    var hash = await senders.HashAsync(address, CancellationToken.None);
                    var row = await senderTable.GetEntityIfExistsAsync<TableEntity>(hash, "sender");
                    if (!row.HasValue) return;
                    foreach (var id in new[] { row.Value!.GetString("FirstCaseId"), row.Value.GetString("LastCaseId") }.OfType<string>().Distinct())
                    {
                        await store.EraseAsync(id, CancellationToken.None);
                    }
                    await senderTable.DeleteEntityAsync(hash, "sender", ETag.All);
                }
                catch (Exception exception) when (exception is RequestFailedException or HttpRequestException)
                {
                    Interlocked.Increment(ref cleanupFailures);
                }
            });
            try
            {
                await floorQueue.DeleteIfExistsAsync();
                await floorTable.DeleteAsync();
            }
            catch (RequestFailedException)
            {
                Interlocked.Increment(ref cleanupFailures);
            }
            if (cleanupFailures > 0) progress.WriteLine($"Mail: {cleanupFailures} clean-up step(s) failed.");
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<MailRun> RunAsync(string target, string phase, int first, int count, int concurrency, HttpClient client, Uri baseAddress, string prefix,
        StorageAccount storage, QueueClient floorQueue, ConcurrentDictionary<string, Slot> slots, ConcurrentBag<string> addresses, PathMetrics metrics, TextWriter progress)
    {
        progress.WriteLine($"Mail: {phase}, {target}: {count:N0} at concurrency {concurrency}.");
        var keys = new string[count];
        var submitTicks = new long[count];
        var ok = new bool[count];
        long failedSubmits = 0;
        string? errorSample = null;
        var next = -1;
        var load = LoadAverage();
        var began = Stopwatch.GetTimestamp();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var azurite = AzuriteCpu.Find();
        var azuriteBefore = azurite?.Total();
        var callsBefore = metrics.Snapshot();
        var jitBefore = JitInfo.GetCompiledMethodCount();
        using var sampling = new CancellationTokenSource();
        var depth = SampleQueueDepthAsync(target == Mail ? [storage.Queues.GetQueueClient(StorageNames.Queues.MailIntake), storage.Queues.GetQueueClient(StorageNames.Queues.StaffNotifications)] : [floorQueue], sampling.Token);
        long lastAnswer = began;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= count) return;
                var n = first + i;
                var address = $"{prefix}{n:00000}@bench.steunpunt.example";
                var form = Forms.Create(n, address);
                var key = target == Mail ? address : Guid.NewGuid().ToString("N");
                keys[i] = key;
                var slot = new Slot(Stopwatch.GetTimestamp());
                slots[key] = slot;
                try
                {
                    if (target == Mail)
                    {
                        addresses.Add(address);
                        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "api/mail-intake")) { Content = JsonContent.Create(form, options: JsonDefaults.Web) };
                        request.Headers.Add("X-Forwarded-For", $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}");
                        using var response = await client.SendAsync(request);
                        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
                        {
                            var body = await response.Content.ReadAsStringAsync();
                            throw new InvalidOperationException($"HTTP {(int)response.StatusCode} {(body.Length <= 300 ? body : body[..300])}");
                        }
                    }
                    else
                    {
                        // The same message the form's POST puts on mail-intake, with the slot's key for the case id.
                        var message = Forms.Message(form, Guid.ParseExact(key, "N"));
                        await floorQueue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, JsonDefaults.Web)), visibilityTimeout: null, timeToLive: TimeSpan.FromDays(7));
                    }
                    var answered = Stopwatch.GetTimestamp();
                    submitTicks[i] = answered - slot.Start;
                    ok[i] = true;
                    InterlockedMax(ref lastAnswer, answered);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException or RequestFailedException)
                {
                    Interlocked.Increment(ref failedSubmits);
                    Interlocked.CompareExchange(ref errorSample, $"{target}: {exception.GetType().Name}: {exception.Message}", null);
                    slots.TryRemove(key, out Slot? _);
                }
            }
        })));
        var submitted = Stopwatch.GetTimestamp();

        // Wait for every accepted item's completion (receipt in the outbox, floor row inserted), at most ReceiptTimeout.
        var deadline = submitted + (long)(ReceiptTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && Enumerable.Range(0, count).Any(i => ok[i] && slots.TryGetValue(keys[i], out var s) && Volatile.Read(ref s.Done) == 0))
        {
            await Task.Delay(20);
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var azuriteCpu = azurite?.Total() - azuriteBefore;
        var calls = PathMetrics.Difference(metrics.Snapshot(), callsBefore);
        var jitCompiled = JitInfo.GetCompiledMethodCount() - jitBefore;
        await sampling.CancelAsync();
        var (depthMean, depthMax, depthCalls) = await depth;
        // The sampler's own GetProperties calls are queue GETs too: not the path's.
        if (calls.TryGetValue("queue GET", out var gets)) calls = new Dictionary<string, CallTally>(calls) { ["queue GET"] = gets - new CallTally(depthCalls, gets.MeanMs * depthCalls) };
        var endToEnd = new List<long>();
        var missing = new List<string>();
        long lastDone = began;
        for (var i = 0; i < count; i++)
        {
            if (!ok[i]) continue;
            slots.TryRemove(keys[i], out var slot);
            var done = Volatile.Read(ref slot!.Done);
            if (done == 0) missing.Add(keys[i]);
            else
            {
                endToEnd.Add(done - slot.Start);
                lastDone = Math.Max(lastDone, done);
            }
        }
        var result = new MailRun(target, phase, count, load, Seconds(lastAnswer - began), Seconds(lastDone - began), [.. submitTicks.Where((_, i) => ok[i]).Order()], [.. endToEnd.Order()],
            (int)failedSubmits, errorSample, target == Mail ? missing : [], target == Mail ? 0 : missing.Count, cpu, azuriteCpu)
        {
            Calls = calls,
            MethodsJitCompiled = jitCompiled,
            QueueDepthMean = depthMean,
            QueueDepthMax = depthMax,
        };
        progress.WriteLine($"Mail:   {result.Accepted:N0} accepted ({result.SubmitPerSecond:N0}/s, p50 {Stats.PercentileMs(result.SortedSubmitTicks, 0.5):0.0} ms, p99 {Stats.PercentileMs(result.SortedSubmitTicks, 0.99):0.0} ms); " +
            $"{result.Completed:N0} done ({result.DonePerSecond:N0}/s, p50 {Stats.PercentileMs(result.SortedEndToEndTicks, 0.5):0.0} ms, p99 {Stats.PercentileMs(result.SortedEndToEndTicks, 0.99):0.0} ms); " +
            $"{result.FailedSubmits} failed, {result.MissingAddresses.Count + result.FloorMissing} missing; CPU {result.CpuMsPerItem:0.00} ms{(result.AzuriteCpuMsPerItem is { } a ? $" (Azurite {a:0.00})" : "")} per item; load average {load}.");
        if (errorSample is not null) progress.WriteLine($"Mail:   failed: {errorSample}");
        return result;
    }

    /// <summary>Marks a form done when an e-mail to its address appears in this host's outbox; counts the other e-mails.</summary>
    private static async Task PollOutboxAsync(DevOutbox outbox, ConcurrentDictionary<string, Slot> slots, string prefix, OtherMail other, CancellationToken stop)
    {
        long cursor = 0;
        while (!stop.IsCancellationRequested)
        {
            foreach (var item in outbox.Query(DevOutbox.Email, after: cursor))
            {
                var at = Stopwatch.GetTimestamp();
                cursor = Math.Max(cursor, item.Sequence);
                var ours = false;
                foreach (var to in item.To)
                {
                    var address = to.ToLowerInvariant();
                    if (!address.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    ours = true;
                    if (slots.TryGetValue(address, out var slot)) Interlocked.CompareExchange(ref slot.Done, at, 0);
                }
                if (!ours) other.Add(item.To);
            }
            await Task.Delay(OutboxPoll, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// The floor's consumer: the local host's queue semantics (<c>QueueTriggerListener</c>: batches of batchSize, a new batch
    /// once in-flight work is at newBatchThreshold, back-off from 100 ms doubling to maxPollingInterval), and per message the
    /// least the mail path must do: parse it, insert one row, delete the message.
    /// </summary>
    private static async Task ConsumeFloorAsync(QueueClient queue, TableClient table, HostJsonSettings host, ConcurrentDictionary<string, Slot> slots, CancellationToken stop)
    {
        var minimum = TimeSpan.FromMilliseconds(100);
        var delay = minimum;
        var inFlight = 0;
        var oneFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        while (!stop.IsCancellationRequested)
        {
            var finished = Volatile.Read(ref oneFinished).Task;
            if (Volatile.Read(ref inFlight) > host.QueueNewBatchThreshold)
            {
                await finished.WaitAsync(stop).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(host.QueueBatchSize, TimeSpan.FromMinutes(10), stop)).Value;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (RequestFailedException)
            {
                messages = [];
            }
            if (messages.Length == 0)
            {
                await Task.Delay(delay, stop).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, host.QueueMaxPollingInterval.Ticks));
                continue;
            }
            delay = minimum;
            foreach (var message in messages)
            {
                Interlocked.Increment(ref inFlight);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        var parsed = JsonSerializer.Deserialize<MailIntakeMessage>(message.Body.ToString(), JsonDefaults.Web)!;
                        var id = parsed.CaseId.ToString("N");
                        await table.UpsertEntityAsync(new TableEntity(id, "case")
                        {
                            ["Reference"] = parsed.Reference, ["ReceivedAt"] = parsed.ReceivedAt, ["CrimeType"] = parsed.CrimeType ?? "", ["Question"] = parsed.Question,
                        }, TableUpdateMode.Replace, CancellationToken.None);
                        if (slots.TryGetValue(id, out var slot)) Interlocked.CompareExchange(ref slot.Done, Stopwatch.GetTimestamp(), 0);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                    }
                    catch (Exception exception) when (exception is RequestFailedException or JsonException)
                    {
                        // Left for the visibility timeout; the item counts as missing if it never completes.
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                        Interlocked.Exchange(ref oneFinished, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                    }
                });
            }
        }
    }

    /// <summary>
    /// The messages waiting on the target's queues (mail: mail-intake and staff-notifications; floor: its own), sampled twice a
    /// second: Azurite's receive, delete and count scan every message of the account, so a backlog makes each of those dearer.
    /// </summary>
    private static async Task<(double Mean, int Max, int Calls)> SampleQueueDepthAsync(QueueClient[] queues, CancellationToken stop)
    {
        long sum = 0;
        int samples = 0, max = 0, calls = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var depth = 0;
                foreach (var queue in queues)
                {
                    calls++;
                    depth += (await queue.GetPropertiesAsync(stop)).Value.ApproximateMessagesCount;
                }
                sum += depth;
                samples++;
                max = Math.Max(max, depth);
                await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (RequestFailedException)
            {
                // A missed sample.
            }
        }
        return (samples == 0 ? double.NaN : (double)sum / samples, max, calls);
    }

    /// <summary>Azurite's queue service sweeps unreferenced message bodies (one "extent" per message) every 60 s, after the previous sweep.</summary>
    public static readonly TimeSpan AzuriteGcInterval = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Before a measured phase: waits until Azurite's queue garbage collection has swept what the earlier phases left.
    /// Every message enqueued leaves a body that a sweep deletes later, and a sweep's cost grows faster than what it
    /// deletes (each delete re-sorts the index of all bodies): in one profiled run (Azurite 3.35 started with
    /// <c>--cpu-prof</c>) these deletes were a quarter of Azurite's CPU. Without this, whichever phase a sweep happened to
    /// fall in paid for the garbage of the phases before it, and Azurite's CPU per form of the same code varied from 20 to
    /// 39 ms between runs. So: wait a full sweep interval after the previous phase (a sweep has then started), then until
    /// Azurite is idle (it has finished), at most 30 s more.
    /// </summary>
    private static async Task SettleAsync(AzuriteCpu? azurite, TextWriter progress)
    {
        var watch = Stopwatch.StartNew();
        await Task.Delay(AzuriteGcInterval + TimeSpan.FromSeconds(2));
        var idle = azurite is null;
        while (!idle && watch.Elapsed < AzuriteGcInterval + TimeSpan.FromSeconds(32))
        {
            var before = azurite!.Total();
            await Task.Delay(TimeSpan.FromSeconds(1));
            idle = azurite.Total() - before is not { } used || used < TimeSpan.FromMilliseconds(50);
        }
        progress.WriteLine($"Mail: waited {watch.Elapsed.TotalSeconds:0} s for Azurite's queue garbage collection{(idle ? "" : " (Azurite still busy: other users?)")}.");
    }

    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Waits (at most <see cref="DrainTimeout"/>) until mail-intake and staff-notifications are empty by their approximate message count.</summary>
    private static async Task DrainAsync(StorageAccount storage, TextWriter progress)
    {
        var watch = Stopwatch.StartNew();
        var queues = new[] { StorageNames.Queues.MailIntake, StorageNames.Queues.StaffNotifications }.Select(q => storage.Queues.GetQueueClient(q)).ToArray();
        var left = 0;
        while (watch.Elapsed < DrainTimeout)
        {
            left = 0;
            foreach (var queue in queues) left += (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            if (left == 0) break;
            await Task.Delay(250);
        }
        progress.WriteLine($"Mail: queues drained in {watch.Elapsed.TotalSeconds:0.0} s{(left > 0 ? $"; {left} message(s) still there (another host's, or redeliveries)" : "")}.");
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public sealed class Slot(long start)
    {
        public readonly long Start = start;
        public long Done;
    }

    private sealed class OtherMail
    {
        private readonly ConcurrentDictionary<string, int> byAddress = new(StringComparer.OrdinalIgnoreCase);
        private int count;
        public int Count => Volatile.Read(ref count);
        public string Sample => string.Join(", ", byAddress.OrderByDescending(p => p.Value).Take(3).Select(p => $"{p.Key} ({p.Value})"));

        public void Add(IReadOnlyList<string> to)
        {
            Interlocked.Increment(ref count);
            foreach (var address in to) byAddress.AddOrUpdate(address, 1, (_, n) => n + 1);
        }
    }
}

/// <summary>Varied, valid forms: every crime type, questions from a sentence to a few thousand characters, sometimes a name, mostly Dutch.</summary>
public static class Forms
{
    private static readonly string[] Sentences =
    [
        "Vorige week is er bij ons ingebroken terwijl we op vakantie waren.",
        "Ik weet niet goed wat ik nu moet doen en of ik aangifte moet doen.",
        "De politie heeft gezegd dat ik contact met jullie kan opnemen.",
        "Mijn dochter wordt al maanden lastiggevallen door een ex-vriend.",
        "Ik heb geld overgemaakt naar iemand die zich voordeed als mijn bank.",
        "Na het ongeluk kan ik niet meer werken en de kosten lopen op.",
        "Kunnen jullie mij helpen met het invullen van het schadeformulier?",
        "I was attacked on my way home and would like to know my rights.",
    ];
    private static readonly string[] Names = ["Anna de Vries", "Mohammed El Amrani", "Jan Jansen", "Priya Ramdin", "Sanne Bakker"];

    public static MailIntakeForm Create(int n, string address)
    {
        var length = (n % 10) switch { < 5 => 1 + n % 3, < 8 => 5 + n % 7, < 9 => 20, _ => 45 }; // mostly short, some long (up to ~3,000 characters)
        var question = string.Join(' ', Enumerable.Range(0, length).Select(k => Sentences[(n + k) % Sentences.Length]));
        return new MailIntakeForm(address, question, ConsentToStore: n % 4 != 0,
            Name: n % 3 == 0 ? null : Names[n % Names.Length],
            CrimeType: n % 8 == 7 ? null : CrimeTypes.All[n % CrimeTypes.All.Count],
            Language: n % 5 == 0 ? "en" : n % 5 == 1 ? null : "nl");
    }

    /// <summary>What <c>MailIntakeSubmission</c> would put on the queue for this form.</summary>
    public static MailIntakeMessage Message(MailIntakeForm form, Guid caseId)
        => new(MailIntakeMessage.CurrentSchemaVersion, caseId, MailIntakeRules.Reference(caseId), DateTimeOffset.UtcNow, form.ReplyAddress, form.Name,
            form.CrimeType, form.Question.Trim(), form.ConsentToStore, form.Language ?? "nl");
}
