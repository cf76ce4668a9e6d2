using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Bench.Http;
using Steunpunt.Chat;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.SignalR;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Azurite;
using Steunpunt.LocalHost.Dev;
using Steunpunt.LocalHost.Emulators.SignalR;
using Steunpunt.LocalHost.Settings;

namespace Steunpunt.Bench.Chat;

/// <summary>
/// The chat relay end to end: <c>--sessions</c> visitors, each in a chat claimed by a staff member whose console is
/// a real SignalR client on the local host's SignalR emulator; a visitor's message is timed from the start of its
/// POST to the moment the staff client has the push. Against it, in alternating rounds on the same sessions and
/// clients, the floor: one insert plus one push (see <see cref="ChatLoad"/>). Two loads:
/// <list type="bullet">
/// <item><b>saturated</b>: every session sends its next message as soon as the previous one has arrived. This is
/// the capacity: messages/s, and the chat's share of the floor's. Latency here is queueing (Little's law: mean
/// latency ≈ sessions ÷ messages/s), so it says little on its own;</item>
/// <item><b>paced</b>: after each message a session pauses for a random time (exponential, mean
/// <see cref="MeanThink"/>), which keeps the load well below capacity; this is the latency a staff member sees
/// with that many chats open.</item>
/// </list>
/// </summary>
public static class ChatBenchmark
{
    /// <summary>
    /// Mean pause between a session's messages under the paced load. People in a chat write a message every 10-30 s;
    /// one a second per session is ten times that or more, and at 50 sessions about 50 messages/s.
    /// </summary>
    public static readonly TimeSpan MeanThink = TimeSpan.FromSeconds(1);

    private const int SetupParallelism = 8;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    public static async Task<ChatFigures> RunAsync(BenchOptions options, TextWriter progress)
    {
        var root = RepositoryRoot.Find();
        await using var azurite = await AzuriteProcess.EnsureRunningAsync(root, dataFolder: null, Console.Out);
        using var metrics = new PathMetrics();
        var app = ChatHost.Build(root);
        await app.StartAsync();
        var sessions = new ConcurrentDictionary<string, BenchSession>(StringComparer.Ordinal);
        var consoles = new List<StaffConsole>();
        var widgets = new ConcurrentBag<HubConnection>();
        using var handler = new SocketsHttpHandler { UseProxy = false, UseCookies = false, AllowAutoRedirect = false, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        long cleanupFailures = 0;
        Uri? baseAddress = null;
        try
        {
            baseAddress = new Uri(LocalFunctionsHost.Addresses(app).Select(a => new Uri(a)).First(u => u.IsLoopback), "/");
            var services = app.Services;
            var storage = services.GetRequiredService<StorageAccount>();
            // StorageInitializer ran during StartAsync but only logs a failure.
            foreach (var table in new[] { StorageNames.Tables.Chats, StorageNames.Tables.ChatIndex, StorageNames.Tables.ChatStats }) await storage.Tables.GetTableClient(table).CreateIfNotExistsAsync();
            await storage.Queues.GetQueueClient(StorageNames.Queues.StaffNotifications).CreateIfNotExistsAsync();
            var store = services.GetRequiredService<ChatStore>();
            var openBefore = (await store.OpenChatIdsAsync(CancellationToken.None)).Count;
            var waitingBefore = (await store.WaitingAsync(CancellationToken.None)).Count;
            var azuriteCpu = AzuriteCpu.Find();
            progress.WriteLine($"Chat: local host on {baseAddress}; Azurite's chat index already holds {openBefore:N0} open and {waitingBefore:N0} waiting chats" +
                $"{(azuriteCpu is null ? "; Azurite's CPU time cannot be read" : $"; Azurite is process {azuriteCpu.Pid}")}.");

            var setup = Stopwatch.StartNew();
            var registry = services.GetRequiredService<SignalREmulatorRegistry>();
            var staffCount = (options.Sessions + options.ChatsPerStaff - 1) / options.ChatsPerStaff;
            progress.WriteLine($"Chat: connecting {staffCount} staff consoles, then starting and claiming {options.Sessions} chats ({options.ChatsPerStaff} per staff member) with a visitor widget each.");
            var staff = new StaffConsole[staffCount];
            await Parallel.ForEachAsync(Enumerable.Range(0, staffCount), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (i, _) =>
            {
                var name = $"Bench medewerker {i + 1:000}";
                var response = await client.PostAsJsonAsync(new Uri(baseAddress, "dev/staff-tokens"), new { name, roles = new[] { "staff" }, minutes = 720 });
                await EnsureAsync(response, "a dev staff token");
                var token = (await response.Content.ReadFromJsonAsync<DevStaffToken>(JsonDefaults.Web))!;
                var console = StaffConsole.Create(baseAddress, token.Subject, name, token.AccessToken, sessions);
                lock (consoles) consoles.Add(console);
                await ConnectAsync(console.Connection, registry, $"staff console {i + 1}");
                staff[i] = console;
            });

            var list = new BenchSession[options.Sessions];
            var index = storage.Tables.GetTableClient(StorageNames.Tables.ChatIndex);
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Sessions), new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (i, _) =>
            {
                var topic = ChatTopics.All[i % ChatTopics.All.Count];
                var started = await client.PostAsJsonAsync(new Uri(baseAddress, "api/chats"), new { topic, aboutPoliceReport = i % 3 == 0 });
                await EnsureAsync(started, "starting a chat (if the chat is closed, a holiday in local.settings.json may be the cause)");
                var chat = (await started.Content.ReadFromJsonAsync<ChatStarted>(JsonDefaults.Web))!;
                var console = staff[i / options.ChatsPerStaff];
                var session = new BenchSession(i, chat.Id, chat.VisitorToken, console);
                sessions[chat.Id] = session;

                // A first message while waiting, as visitors do: it goes through the session transaction (as a claimed chat's
                // message does once a minute), so that path is compiled before anything is measured.
                using var hello = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, $"api/chats/{chat.Id}/messages")) { Content = JsonContent.Create(new { text = "Hallo, is er iemand?" }) };
                hello.Headers.Add(VisitorTokens.Header, chat.VisitorToken);
                await EnsureAsync(await client.SendAsync(hello), "a first message while waiting");
                session.LastChatSeq = 1;

                using var claim = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, $"api/staff/chats/{chat.Id}/claim"));
                claim.Headers.Authorization = new AuthenticationHeaderValue("Bearer", console.AccessToken);
                await EnsureAsync(await client.SendAsync(claim), "claiming a chat");
                // Off the shared index of open chats: an integration test run on the same Azurite sweeps that index with a
                // clock years ahead, to which every chat of this run looks idle, and would close them mid-run. Nothing the
                // measured path does reads the index; closing the chat at the end takes it out of the index anyway.
                await index.DeleteEntityAsync(ChatStore.OpenPartition, chat.Id, ETag.All);

                var widget = new HubConnectionBuilder()
                    .WithUrl(new Uri(baseAddress, $"api/chats/{chat.Id}"), o => o.Headers[VisitorTokens.Header] = chat.VisitorToken)
                    .Build();
                widgets.Add(widget);
                await ConnectAsync(widget, registry, $"visitor widget {i + 1}");
                list[i] = session;
            });
            var setupTime = setup.Elapsed;
            progress.WriteLine($"Chat: set up in {setupTime.TotalSeconds:0.0} s.");

            var load = new ChatLoad(client, baseAddress, list, storage.Tables.GetTableClient(StorageNames.Tables.Chats),
                services.GetRequiredService<IRealtimeMessenger>(), metrics, azuriteCpu);
            string[] targets = [ChatLoad.Chat, ChatLoad.Floor];

            var warmUps = new List<ChatPhaseResult>();
            for (var round = 1; round <= HttpBenchmark.MaxWarmUpRounds; round++)
            {
                long compiled = 0;
                foreach (var target in targets)
                {
                    progress.WriteLine($"Chat: warm-up {round}, {target} ({HttpBenchmark.WarmUpPhase.TotalSeconds:0} s).");
                    var result = Logged(progress, await load.RunAsync(target, ChatFigures.Saturated, HttpBenchmark.WarmUpPhase, meanThink: null));
                    warmUps.Add(result);
                    compiled += result.JitCompilations;
                }
                if (round >= HttpBenchmark.MinWarmUpRounds && compiled < HttpBenchmark.QuietJitCompilations) break;
            }

            var rounds = HttpBenchmark.RoundsFor(options.Seconds);
            var phase = TimeSpan.FromSeconds((double)options.Seconds / rounds);
            var measured = new List<ChatPhaseResult>();
            foreach (var (loadName, think) in new[] { (ChatFigures.Saturated, (TimeSpan?)null), (ChatFigures.Paced, MeanThink) })
            {
                for (var round = 1; round <= rounds; round++)
                {
                    foreach (var target in round % 2 == 1 ? targets : targets.Reverse())
                    {
                        progress.WriteLine($"Chat: {loadName} round {round}/{rounds}, {target} ({phase.TotalSeconds:0.#} s).");
                        measured.Add(Logged(progress, await load.RunAsync(target, loadName, phase, think)));
                    }
                }
            }

            progress.WriteLine($"Chat: timing each step of a message on its own ({StepCosts.PerStep.TotalSeconds:0.#} s each, one caller), after {StepCosts.PerStep.TotalSeconds:0.#} s idle.");
            var azuriteIdle = await StepCosts.AzuriteIdleAsync(azuriteCpu);
            var steps = await StepCosts.MeasureAsync(list[0], store, storage.Tables.GetTableClient(StorageNames.Tables.Chats), services.GetRequiredService<IRealtimeMessenger>(), load,
                client, baseAddress, azuriteCpu, azuriteIdle);
            foreach (var step in steps)
            {
                progress.WriteLine($"Chat:   {step.Step}: {step.Count:N0} × {step.MsEach:0.00} ms, {step.CpuMsEach:0.00} CPU ms, {step.KilobytesEach:0.0} KB each, {step.Failures} failed.");
            }
            return new ChatFigures(options.Sessions, staffCount, options.ChatsPerStaff, MeanThink, setupTime, openBefore, waitingBefore,
                TimeSpan.FromTicks(warmUps.Sum(p => p.Window.Ticks) / targets.Length), TimeSpan.FromSeconds(options.Seconds), rounds, warmUps, measured, steps)
            {
                AzuriteIdle = azuriteIdle,
                CleanupFailures = () => Interlocked.Read(ref cleanupFailures),
            };
        }
        finally
        {
            foreach (var widget in widgets) await widget.DisposeAsync();
            foreach (var console in consoles) await console.DisposeAsync();
            // "Delete my conversation" for every chat: closes it and blanks its transcript (the floor's rows too); the
            // anonymous statistics row stays, as it does for any visitor who deletes a conversation. Then the empty rows
            // go at once, as the transcript purge would remove them after the retention period: left in a shared
            // Azurite, which scans a whole table for every query, they would slow every later run down.
            await Parallel.ForEachAsync(sessions.Values, new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism }, async (session, _) =>
            {
                try
                {
                    using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri(baseAddress!, $"api/chats/{session.ChatId}"));
                    delete.Headers.Add(VisitorTokens.Header, session.VisitorToken);
                    using var response = await client.SendAsync(delete);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref cleanupFailures);
                    await app.Services.GetRequiredService<ChatStore>().EraseAsync(session.ChatId, CancellationToken.None);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref cleanupFailures);
                }
            });
            if (cleanupFailures > 0) progress.WriteLine($"Chat: {cleanupFailures} chat(s) could not be deleted afterwards.");
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Starts the client and waits until the emulator has registered the connection (shortly after the handshake), so no push can miss it.</summary>
    private static async Task ConnectAsync(HubConnection connection, SignalREmulatorRegistry registry, string what)
    {
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        await connection.StartAsync(timeout.Token);
        while (!registry.IsConnected(connection.ConnectionId!))
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException($"The SignalR emulator did not register {what} within {ConnectTimeout.TotalSeconds:0} s.");
            await Task.Delay(10);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException($"Setting up the chat benchmark failed at {what}: HTTP {(int)response.StatusCode} {(body.Length <= 300 ? body : body[..300] + "…")}");
    }

    private static ChatPhaseResult Logged(TextWriter progress, ChatPhaseResult result)
    {
        progress.WriteLine($"Chat:   {result.Sent:N0} messages, {result.PerSecond:N0}/s, p50 {Stats.PercentileMs(result.SortedLatencyTicks, 0.5):0.00} ms, " +
            $"p99 {Stats.PercentileMs(result.SortedLatencyTicks, 0.99):0.00} ms, {result.Errors} failed, {result.CpuMsPerMessage:0.00} CPU ms" +
            $"{(result.AzuriteCpuMsPerMessage is { } a ? $" (Azurite {a:0.00})" : "")} per message, {result.GcPause.TotalMilliseconds:0} ms GC pause, {result.JitCompilations:N0} methods JIT-compiled.");
        foreach (var (kind, sample) in result.ErrorSamples) progress.WriteLine($"Chat:   failed {kind}: {sample}");
        if (result.Load == ChatFigures.Paced && result.Slowest.Count > 0)
        {
            progress.WriteLine("Chat:   slowest (start in the phase: end to end / answer, session): " +
                string.Join("; ", result.Slowest.Select(m => $"+{m.StartMs:0} ms: {m.LatencyMs:0.0} / {m.AnswerMs:0.0} ms, {m.Session}")));
        }
        return result;
    }
}
