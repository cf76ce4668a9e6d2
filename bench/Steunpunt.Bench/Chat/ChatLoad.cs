using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Steunpunt.Chat;
using Steunpunt.Chat.Sessions;
using Steunpunt.Connectors.SignalR;
using Steunpunt.StaffNotifications;

namespace Steunpunt.Bench.Chat;

/// <summary>A slow message: its start from the start of the phase, its end-to-end latency and its answer time, in ms, and its session.</summary>
public readonly record struct SlowMessage(double StartMs, double LatencyMs, double AnswerMs, int Session);

/// <summary>What one phase of one target under one load measured.</summary>
/// <param name="Window">From the start of the phase to its deadline.</param>
/// <param name="InWindow">Messages whose push reached the staff client within the window: throughput counts these.</param>
/// <param name="SortedLatencyTicks">End to end (send starts → staff client has the push) of every message sent in the window that arrived.</param>
/// <param name="SortedAnswerTicks">Send starts → the sender has its answer: the POST's 201 (chat), the push call's 202 (floor).</param>
/// <param name="Calls">Storage requests and local host routes during the phase (see <see cref="PathMetrics"/>).</param>
/// <param name="AzuriteCpu">CPU time of the Azurite process over the phase; null when it could not be read.</param>
/// <param name="Unexpected">Pushes that arrived for a message already given up.</param>
/// <param name="GcPause">Time this process was paused for garbage collection during the phase: every thread stops, so it lands on the tail.</param>
public sealed record ChatPhaseResult(
    string Target,
    string Load,
    TimeSpan Window,
    long InWindow,
    long[] SortedLatencyTicks,
    long[] SortedAnswerTicks,
    IReadOnlyDictionary<string, long> ErrorKinds,
    IReadOnlyDictionary<string, string> ErrorSamples,
    IReadOnlyDictionary<string, CallTally> Calls,
    TimeSpan ProcessCpu,
    TimeSpan? AzuriteCpu,
    long AllocatedBytes,
    long JitCompilations,
    long Unexpected,
    TimeSpan GcPause)
{
    /// <summary>The slowest messages: when they started (from the start of the phase) and how long they took, to tell a stall that hit many at once from one slow message.</summary>
    public IReadOnlyList<SlowMessage> Slowest { get; init; } = [];

    /// <summary>Messages sent in the window, whether or not they arrived.</summary>
    public long Sent => SortedAnswerTicks.Length;
    public double PerSecond => InWindow / Window.TotalSeconds;
    public long Errors => ErrorKinds.Values.Sum();
    public double CpuMsPerMessage => Sent == 0 ? double.NaN : ProcessCpu.TotalMilliseconds / Sent;
    public double? AzuriteCpuMsPerMessage => AzuriteCpu is { } cpu && Sent > 0 ? cpu.TotalMilliseconds / Sent : null;
}

/// <summary>
/// One worker per visitor session, each in a closed loop: send a message, wait until the staff member's SignalR
/// client has its push (and the sender its answer), optionally think, then the next, until the phase's deadline.
/// Two targets share the sessions, the staff clients and the storage:
/// <list type="bullet">
/// <item><b>chat</b>: <c>POST /api/chats/{id}/messages</c> with the visitor token, as the widget sends it;</item>
/// <item><b>floor</b>: the least any relay must do: one insert of the message row into the chat's partition of the
/// Chats table (row key <c>f…</c>, which the chat's own reads skip) and one push to the same staff user through the
/// SignalR emulator's REST API, with the functions' own <see cref="IRealtimeMessenger"/>.</item>
/// </list>
/// A message counts as failed on a non-2xx answer, an exception, or no push within <see cref="PushTimeout"/>.
/// </summary>
public sealed class ChatLoad(HttpClient client, Uri functionsBase, IReadOnlyList<BenchSession> sessions, TableClient chats,
    IRealtimeMessenger messenger, PathMetrics metrics, AzuriteCpu? azurite)
{
    public const string Chat = "chat";
    public const string Floor = "floor";
    public static readonly TimeSpan PushTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A bound on the messages one phase can send, far above what this reaches, so a run cannot grow without limit.</summary>
    public const long MaxMessagesPerPhase = 1_000_000;

    private readonly Uri[] messageUris = sessions.Select(s => new Uri(functionsBase, $"api/chats/{s.ChatId}/messages")).ToArray();

    /// <param name="meanThink">Null for no think time; otherwise each pause is drawn from an exponential distribution with this mean.</param>
    public async Task<ChatPhaseResult> RunAsync(string target, string load, TimeSpan duration, TimeSpan? meanThink)
    {
        var errorKinds = new ConcurrentDictionary<string, long>();
        var errorSamples = new ConcurrentDictionary<string, string>();
        long issued = 0;
        long inWindow = 0;
        var callsBefore = metrics.Snapshot();
        var unexpectedBefore = BenchSession.Unexpected;
        var azuriteBefore = azurite?.Total();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var jitBefore = JitInfo.GetCompiledMethodCount();
        var gcBefore = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        var slow = new ConcurrentBag<SlowMessage>();
        static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

        async Task<(List<long> Latencies, List<long> Answers)> Worker(BenchSession session)
        {
            var latencies = new List<long>(capacity: 1024);
            var answers = new List<long>(capacity: 1024);
            var random = new Random(session.Index * 7919 + (int)(started & 0xFFFF));
            // Paced sessions start at random moments, as people do, rather than all at once.
            if (meanThink is { } firstThink) await Task.Delay(TimeSpan.FromTicks((long)(random.NextDouble() * firstThink.Ticks)));
            for (var n = 0; ; n++)
            {
                if (Stopwatch.GetTimestamp() >= deadline || Interlocked.Increment(ref issued) > MaxMessagesPerPhase) break;
                var text = (session.Index + n) % MessageTexts.All.Count;
                var outcome = target == Chat ? await ChatMessageAsync(session, text) : await FloorMessageAsync(session, text);
                answers.Add(outcome.AnswerTicks);
                if (outcome.Error is { } error)
                {
                    errorKinds.AddOrUpdate(error, 1, (_, c) => c + 1);
                    errorSamples.TryAdd(error, outcome.Sample);
                }
                else
                {
                    latencies.Add(outcome.LatencyTicks);
                    if (outcome.ArrivedAt <= deadline) Interlocked.Increment(ref inWindow);
                    if (Ms(outcome.LatencyTicks) >= SlowMs) slow.Add(new SlowMessage(Ms(outcome.ArrivedAt - outcome.LatencyTicks - started), Ms(outcome.LatencyTicks), Ms(outcome.AnswerTicks), session.Index));
                }
                if (meanThink is { } think)
                {
                    // Exponential pauses: arrivals in bursts and lulls, as with people, not a metronome.
                    var pause = TimeSpan.FromTicks((long)(-Math.Log(1 - random.NextDouble()) * think.Ticks));
                    var left = TimeSpan.FromTicks((deadline - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
                    // A pause that ends past the deadline ends this session's phase. Waiting until the deadline instead let
                    // every such session wake at the same instant (Task.Delay rounds down to whole milliseconds, so a hair
                    // before it) and send together: a burst of up to one message per session at the end of each paced
                    // round, which made its tail (all of a round's slowest messages started then).
                    if (pause >= left) break;
                    await Task.Delay(pause);
                }
            }
            return (latencies, answers);
        }

        var perWorker = await Task.WhenAll(sessions.Select(s => Task.Run(() => Worker(s))));
        var window = TimeSpan.FromTicks(Math.Min(duration.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var jit = JitInfo.GetCompiledMethodCount() - jitBefore;
        var gcPause = GC.GetTotalPauseDuration() - gcBefore;
        var azuriteCpu = azurite?.Total() - azuriteBefore;
        var calls = PathMetrics.Difference(metrics.Snapshot(), callsBefore);

        var latencies = perWorker.SelectMany(w => w.Latencies).ToArray();
        var answers = perWorker.SelectMany(w => w.Answers).ToArray();
        Array.Sort(latencies);
        Array.Sort(answers);
        return new ChatPhaseResult(target, load, window, inWindow, latencies, answers, errorKinds.ToDictionary(), errorSamples.ToDictionary(),
            calls, cpu, azuriteCpu, allocated, jit, BenchSession.Unexpected - unexpectedBefore, gcPause)
        {
            Slowest = slow.OrderByDescending(m => m.LatencyMs).Take(8).OrderBy(m => m.StartMs).ToList(),
        };
    }

    /// <summary>Messages at least this slow are listed in <see cref="ChatPhaseResult.Slowest"/> (the paced target is 50 ms).</summary>
    private const double SlowMs = 25;

    /// <summary>One message of <paramref name="target"/>, waited for until it arrived; null when it did, else why not.</summary>
    public async Task<string?> SendOneAsync(string target, BenchSession session)
        => (target == Chat ? await ChatMessageAsync(session, session.Index % MessageTexts.All.Count) : await FloorMessageAsync(session, session.Index % MessageTexts.All.Count)).Error;

    private readonly record struct Outcome(long LatencyTicks, long AnswerTicks, long ArrivedAt, string? Error, string Sample);

    private async Task<Outcome> ChatMessageAsync(BenchSession session, int text)
    {
        // Only this worker writes to this chat (the staff member never answers here), so the next number is known.
        var seq = session.LastChatSeq + 1;
        var arrival = session.Expect(ChatParties.Visitor, seq);
        var start = Stopwatch.GetTimestamp();
        long answered;
        try
        {
            using var content = new ByteArrayContent(MessageTexts.Bodies[text]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, messageUris[session.Index]) { Content = content };
            request.Headers.Add(VisitorTokens.Header, session.VisitorToken);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            answered = Stopwatch.GetTimestamp();
            if (!response.IsSuccessStatusCode)
            {
                session.GiveUp();
                var textBody = System.Text.Encoding.UTF8.GetString(body);
                return Failed(start, answered, $"HTTP {(int)response.StatusCode}", textBody.Length <= 200 ? textBody : textBody[..200] + "…");
            }
            var stored = JsonDocument.Parse(body).RootElement.GetProperty("seq").GetInt32();
            session.LastChatSeq = stored;
            if (stored != seq)
            {
                session.GiveUp();
                return Failed(start, answered, "unexpected seq", $"expected {seq}, the chat stored {stored}");
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException or JsonException or KeyNotFoundException)
        {
            session.GiveUp();
            return Failed(start, Stopwatch.GetTimestamp(), exception.GetType().Name, exception.Message);
        }
        return await ArrivalAsync(session, arrival, start, answered);
    }

    private async Task<Outcome> FloorMessageAsync(BenchSession session, int text)
    {
        var seq = ++session.LastFloorSeq;
        var arrival = session.Expect(BenchSession.FloorSender, seq);
        var start = Stopwatch.GetTimestamp();
        long answered;
        try
        {
            var now = DateTimeOffset.UtcNow;
            var row = new ChatMessageEntity
            {
                PartitionKey = session.ChatId,
                RowKey = "f" + seq.ToString("D10", System.Globalization.CultureInfo.InvariantCulture),
                From = ChatParties.Visitor,
                Text = MessageTexts.All[text],
                SentAt = now,
            };
            await chats.AddEntityAsync(row);
            await messenger.SendToUserAsync(SignalRHubs.Staff, session.Staff.UserId, ChatEvents.Message,
                [new MessagePush(session.ChatId, seq, BenchSession.FloorSender, row.Text, now, null)]);
            answered = Stopwatch.GetTimestamp();
        }
        catch (Exception exception) when (exception is RequestFailedException or HttpRequestException or TaskCanceledException or IOException)
        {
            session.GiveUp();
            var kind = exception is RequestFailedException failed ? $"{exception.GetType().Name} {failed.Status}" : exception.GetType().Name;
            return Failed(start, Stopwatch.GetTimestamp(), kind, exception.Message);
        }
        return await ArrivalAsync(session, arrival, start, answered);
    }

    private static async Task<Outcome> ArrivalAsync(BenchSession session, Task<long> arrival, long start, long answered)
    {
        try
        {
            var arrivedAt = await arrival.WaitAsync(PushTimeout);
            return new Outcome(arrivedAt - start, answered - start, arrivedAt, null, "");
        }
        catch (TimeoutException)
        {
            session.GiveUp();
            return Failed(start, answered, "no push", $"the staff client had no push within {PushTimeout.TotalSeconds:0} s of the answer");
        }
    }

    private static Outcome Failed(long start, long answered, string error, string sample) => new(0, answered - start, long.MaxValue, error, sample.ReplaceLineEndings(" "));
}
