using System.Globalization;
using System.Text;
using Steunpunt.Bench.Chat;
using Steunpunt.Bench.Http;
using Steunpunt.Bench.Mail;
using Steunpunt.Bench.Reminders;
using Steunpunt.Bench.Scoring;

namespace Steunpunt.Bench.Reporting;

/// <summary>The run's figures as Markdown: targets with PASS/FAIL, then the detail behind them.</summary>
public static class MarkdownReport
{
    public static string Render(DateTimeOffset at, MachineInfo machine, BenchOptions options, ScoringFigures? scoring, HttpFigures? http, ChatFigures? chat, MailFigures? mail, ReminderFigures? reminders = null)
    {
        // Invariant culture throughout: the report is read and diffed across machines. Only this (synchronous) call is affected.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return RenderInvariant(at, machine, options, scoring, http, chat, mail, reminders);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static string RenderInvariant(DateTimeOffset at, MachineInfo machine, BenchOptions options, ScoringFigures? scoring, HttpFigures? http, ChatFigures? chat, MailFigures? mail, ReminderFigures? reminders)
    {
        var text = new StringBuilder();
        Line(text, "# Steunpunt benchmark");
        Line(text);
        Line(text, $"Run {at:yyyy-MM-dd HH:mm} UTC · {machine.ProcessorCount} logical processors · {machine.Os} ({machine.Architecture}) · " +
            $"{machine.Runtime} · {machine.Configuration} build, {machine.Gc} GC");
        Line(text);
        Line(text, $"Options: `--seconds {options.Seconds} --concurrency {options.Concurrency} --sessions {options.Sessions} --chats-per-staff {options.ChatsPerStaff} --forms {options.Forms}`" +
            (options.RunReminders ? $" `--future {options.Future} --due {options.Due} --rounds {options.Rounds}`" : "") +
            (options.Only is { } only ? $" `--only {only}`" : ""));
        Line(text);

        Line(text, "| Target | Measured | Result |");
        Line(text, "|---|---|---|");
        if (scoring is not null)
        {
            Line(text, $"| Scoring ≥ {ScoringFigures.Target:N0} scorings/s (best round) | {scoring.Scoring.Best:N0}/s | {Verdict(scoring.Scoring.Best >= ScoringFigures.Target)} |");
        }
        if (http is not null)
        {
            Line(text, $"| Local host ≥ {HttpFigures.TargetRatio * 100:0}% of bare endpoint throughput | {http.Ratio * 100:0.0}% | {Verdict(http.Ratio >= HttpFigures.TargetRatio)} |");
            Line(text, $"| No failed requests | {http.Errors:N0} | {Verdict(http.Errors == 0)} |");
        }
        if (chat is not null)
        {
            var paced = chat.ChatPaced;
            var saturated = chat.ChatSaturated;
            Line(text, $"| Chat p99 ≤ {ChatFigures.TargetP99Ms:0} ms at {chat.Sessions} sessions, paced load | {paced.P99Ms:0.0} ms | {Verdict(paced.P99Ms <= ChatFigures.TargetP99Ms)} |");
            // Without pauses every session queues behind the others (Little's law), the floor included, so this is capacity, not the latency target.
            Line(text, $"| Chat p99 at {chat.Sessions} sessions, saturated closed loop: queueing, not the latency target (floor: {chat.FloorSaturated.P99Ms:0.0} ms) | {saturated.P99Ms:0.0} ms | {saturated.P99Ms / chat.FloorSaturated.P99Ms:0.00} × the floor |");
            Line(text, $"| Chat ≥ {ChatFigures.TargetRatio * 100:0}% of floor throughput (saturated) | {chat.Ratio * 100:0.0}% | {Verdict(chat.Ratio >= ChatFigures.TargetRatio)} |");
            Line(text, $"| No failed chat messages | {chat.Errors:N0} | {Verdict(chat.Errors == 0)} |");
        }
        if (mail is not null)
        {
            Line(text, $"| Mail receipts/s ≥ {MailFigures.TargetRatio * 100:0}% of the queue + table floor | {mail.Ratio * 100:0.0}% | {Verdict(mail.Ratio >= MailFigures.TargetRatio)} |");
            Line(text, $"| No failed form posts or missing receipts (taken by another host: {mail.Stolen:N0}, not counted) | {mail.Errors:N0} | {Verdict(mail.Errors == 0)} |");
        }
        if (reminders is not null)
        {
            Line(text, $"| Reminder sweep p50 with {reminders.Large.Future:N0} stored future appointments ≤ {ReminderFigures.TargetRatio} × with {reminders.Small.Future:N0} ({reminders.Small.Due:N0} due in both) | " +
                $"{reminders.Ratio:0.00} × ({reminders.Large.MedianMs:0.0} vs {reminders.Small.MedianMs:0.0} ms) | {Verdict(reminders.Ratio <= ReminderFigures.TargetRatio)} |");
            Line(text, $"| Every due reminder queued exactly once and nothing else, every sweep | {reminders.Errors:N0} error(s) | {Verdict(reminders.Errors == 0)} |");
        }
        Line(text);

        if (scoring is not null) Scoring(text, scoring);
        if (http is not null) Http(text, http);
        if (chat is not null) Chat(text, chat);
        if (mail is not null) Mail(text, mail);
        if (reminders is not null) Reminders(text, reminders);
        return text.ToString();
    }

    private static void Scoring(StringBuilder text, ScoringFigures figures)
    {
        Line(text, "## Scoring (in process, one thread)");
        Line(text);
        Line(text, $"`SelfTestScorer.Score` on {figures.AnswerSets} pre-built answer sets ({string.Join(", ", figures.Questionnaires)}; " +
            $"positive and negative screens). {ScoringBenchmark.WarmUp.TotalSeconds:0} s warm-up, then {ScoringBenchmark.Rounds} rounds of " +
            $"{ScoringBenchmark.RoundLength.TotalSeconds:0} s, alternating with the floor.");
        Line(text);
        Line(text, "| Loop | Best /s | Median /s | ns per call (median) | Rounds /s |");
        Line(text, "|---|---:|---:|---:|---|");
        Row(text, "Score", figures.Scoring);
        Row(text, "Floor: answer look-ups only", figures.Floor);
        Line(text);
        Line(text, $"Scoring runs at {figures.Scoring.Median / figures.Floor.Median * 100:0}% of the floor's speed " +
            $"(the floor is {figures.Floor.Median / figures.Scoring.Median:0.0}× faster; medians). " +
            $"A scoring allocates {figures.BytesPerScore:0} bytes.");
        Line(text);
    }

    private static void Row(StringBuilder text, string name, ThroughputRounds rounds)
        => Line(text, $"| {name} | {rounds.Best:N0} | {rounds.Median:N0} | {1e9 / rounds.Median:0} | {string.Join(" · ", rounds.PerSecond.Select(r => r.ToString("N0", CultureInfo.InvariantCulture)))} |");

    private static void Http(StringBuilder text, HttpFigures figures)
    {
        Line(text, "## POST /api/selftests/{id}/responses on loopback");
        Line(text);
        Line(text, $"{figures.Concurrency} concurrent workers on one HttpClient, {figures.Bodies} valid bodies (both tests, no contact request). " +
            $"{figures.WarmUpPerTarget.TotalSeconds:0} s warm-up per target (alternating, until the JIT was quiet), then {figures.MeasuredPerTarget.TotalSeconds:0} s measured per target in " +
            $"{figures.Rounds} alternating rounds (the target that goes first swaps every round). Requests/s counts answers received within each phase's window. " +
            "Storage round trips: requests this process sent to Azurite (ports 10000-10002) during the measured phases. " +
            "CPU ms and KB allocated / request: CPU time and heap allocation of the benchmark process (load client, both servers, storage SDK; " +
            "not Azurite) divided by requests sent, so the two rows differ by what the local host costs beyond the bare endpoint.");
        Line(text);
        Line(text, "| Target | Requests sent | Requests/s | p50 ms | p99 ms | Errors | Storage round trips / request | CPU ms / request | KB allocated / request |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var summary in new[] { figures.BareSummary, figures.LocalHostSummary })
        {
            Line(text, $"| {summary.Target} | {summary.Sent:N0} | {summary.PerSecond:N0} | {summary.P50Ms:0.00} | {summary.P99Ms:0.00} | " +
                $"{summary.Errors:N0} | {summary.StorageRoundTripsPerRequest:0.00} | {summary.CpuMsPerRequest:0.00} | {summary.KilobytesPerRequest:0.0} |");
        }
        Line(text);
        Line(text, $"Local host / bare endpoint throughput: **{figures.Ratio * 100:0.0}%**.");
        Line(text);
        Line(text, "Per round:");
        Line(text);
        Line(text, "| Phase | Target | Seconds | Requests/s | p50 ms | p99 ms | Errors | CPU ms / request | Methods JIT-compiled |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
        var phases = figures.WarmUps.Select((p, i) => ($"warm-up {i / 2 + 1}", p))
            .Concat(figures.Measured.Select((p, i) => ($"round {i / 2 + 1}", p)));
        foreach (var (phase, result) in phases)
        {
            Line(text, $"| {phase} | {result.Target} | {result.Window.TotalSeconds:0.0} | {result.PerSecond:N0} | " +
                $"{Stats.PercentileMs(result.SortedLatencyTicks, 0.50):0.00} | {Stats.PercentileMs(result.SortedLatencyTicks, 0.99):0.00} | {result.Errors:N0} | {result.CpuMsPerRequest:0.00} | {result.JitCompilations:N0} |");
        }
        Line(text);

        var failures = figures.WarmUps.Concat(figures.Measured).SelectMany(p => p.ErrorKinds.Select(k => (p.Target, k.Key, k.Value, Sample: p.ErrorSamples[k.Key]))).ToList();
        if (failures.Count > 0)
        {
            Line(text, "Failed requests:");
            Line(text);
            foreach (var (target, kind, count, sample) in failures) Line(text, $"- {target}: {count:N0} × {kind} — `{sample.ReplaceLineEndings(" ")}`");
            Line(text);
        }
    }

    private static void Chat(StringBuilder text, ChatFigures figures)
    {
        Line(text, "## Chat relay: visitor message → staff member's SignalR client");
        Line(text);
        Line(text, $"{figures.Sessions} visitor sessions, each in its own chat, claimed by {figures.Staff} staff members ({figures.ChatsPerStaff} chats each). " +
            "Every staff console is a real SignalR client (WebSockets) on the local host's SignalR emulator, connected through `/api/staff/negotiate` with a dev staff token; " +
            "every visitor has its widget connected too (`/api/chats/{id}/negotiate`), so the chat's echo to the visitor reaches a real connection. " +
            "End to end: from the start of the message's send to the moment the staff client hands over the `chatMessage` push for that chat and sequence number. " +
            "**chat** sends `POST /api/chats/{id}/messages` with the visitor token. " +
            "**floor** does the least any relay must: one insert of the message row into the chat's partition of the Chats table, and one push to the same staff user " +
            "through the SignalR emulator's REST API with the functions' own `IRealtimeMessenger`. Each session is a closed loop: the next message only after the staff client has the previous one. " +
            $"**saturated**: no pause, so the load is the capacity. **paced**: a random pause after each message (exponential, mean {figures.MeanThink.TotalSeconds:0.#} s), well below capacity. " +
            $"Set-up took {figures.SetupTime.TotalSeconds:0.0} s. {figures.WarmUpPerTarget.TotalSeconds:0} s warm-up per target (saturated, alternating, until the JIT was quiet), " +
            $"then per load {figures.MeasuredPerTarget.TotalSeconds:0} s measured per target in {figures.Rounds} alternating rounds (the target that goes first swaps every round). " +
            $"A message fails on a non-2xx answer, an exception, or no push within {ChatLoad.PushTimeout.TotalSeconds:0} s. Real clock; the chat open around the clock, " +
            $"{ChatHost.MessagesPerMinute} messages a minute allowed per chat. Azurite's chat index held {figures.OpenChatsBefore:N0} open chats from earlier runs.");
        Line(text);
        Line(text, "| Load | Target | Messages sent | Messages/s | p50 ms | p99 ms | Answer p50 ms | Failed | CPU ms / message | Azurite CPU ms / message | KB allocated / message |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var summaries = new[] { figures.ChatSaturated, figures.FloorSaturated, figures.ChatPaced, figures.FloorPaced };
        foreach (var s in summaries)
        {
            Line(text, $"| {s.Load} | {s.Target} | {s.Sent:N0} | {s.PerSecond:N0} | {s.P50Ms:0.00} | {s.P99Ms:0.00} | {s.AnswerP50Ms:0.00} | {s.Errors:N0} | " +
                $"{s.CpuMsPerMessage:0.00} | {(s.AzuriteCpuMsPerMessage is { } a ? a.ToString("0.00", CultureInfo.InvariantCulture) : "–")} | {s.KilobytesPerMessage:0.0} |");
        }
        Line(text);
        var perChatPerMinute = figures.ChatSaturated.PerSecond / figures.Sessions * 60;
        Line(text, $"Chat / floor throughput, saturated: **{figures.Ratio * 100:0.0}%**. Under the saturated load each chat sent {perChatPerMinute:N0} messages a minute " +
            $"(the limit is {ChatHost.MessagesPerMinute}). *Answer*: start → the sender has its answer (chat: the POST's 201, which comes after both pushes were sent; floor: the push call's 202).");
        Line(text);

        Line(text, "Where a message's time goes (per message sent; storage times as the client saw them, Azurite's queueing included; local host times measured in the server):");
        Line(text);
        Line(text, "| Load | Target | Storage reads | ms each | Storage writes | ms each | SignalR REST calls | ms each | Message endpoint ms |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in summaries)
        {
            var reads = s.Of("storage GET");
            var writes = s.Sum("storage ") - reads;
            var rest = s.Sum("route /emulators/signalr/api/");
            var endpoint = s.Of("route /api/chats/{id}/messages");
            Line(text, $"| {s.Load} | {s.Target} | {s.PerMessage(reads):0.00} | {Mean(reads)} | {s.PerMessage(writes):0.00} | {Mean(writes)} | " +
                $"{s.PerMessage(rest):0.00} | {Mean(rest)} | {Mean(endpoint)} |");
        }
        Line(text);

        Steps(text, figures.Steps, figures.AzuriteIdle);

        Line(text, "Per round:");
        Line(text);
        Line(text, "| Phase | Target | Seconds | Messages/s | p50 ms | p99 ms | Failed | CPU ms / message | Azurite CPU ms / message | GC pause ms | Methods JIT-compiled |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var phases = figures.WarmUps.Select((p, i) => ($"warm-up {i / 2 + 1}", p))
            .Concat(figures.Measured.Select((p, i) => ($"{p.Load} {i % (figures.Rounds * 2) / 2 + 1}", p)));
        foreach (var (phase, r) in phases)
        {
            Line(text, $"| {phase} | {r.Target} | {r.Window.TotalSeconds:0.0} | {r.PerSecond:N0} | {Stats.PercentileMs(r.SortedLatencyTicks, 0.50):0.00} | " +
                $"{Stats.PercentileMs(r.SortedLatencyTicks, 0.99):0.00} | {r.Errors:N0} | {r.CpuMsPerMessage:0.00} | " +
                $"{(r.AzuriteCpuMsPerMessage is { } a ? a.ToString("0.00", CultureInfo.InvariantCulture) : "–")} | {r.GcPause.TotalMilliseconds:0} | {r.JitCompilations:N0} |");
        }
        Line(text);

        var failures = figures.WarmUps.Concat(figures.Measured).SelectMany(p => p.ErrorKinds.Select(k => (p.Target, k.Key, k.Value, Sample: p.ErrorSamples[k.Key]))).ToList();
        if (failures.Count > 0)
        {
            Line(text, "Failed messages:");
            Line(text);
            foreach (var (target, kind, count, sample) in failures) Line(text, $"- {target}: {count:N0} × {kind} — `{sample}`");
            Line(text);
        }
        var unexpected = figures.WarmUps.Concat(figures.Measured).Sum(p => p.Unexpected);
        if (unexpected > 0)
        {
            Line(text, $"{unexpected:N0} push(es) arrived for a message already given up or not sent.");
            Line(text);
        }
        if (figures.CleanupFailures() is > 0 and var notDeleted)
        {
            Line(text, $"{notDeleted:N0} chat(s) could not be deleted afterwards.");
            Line(text);
        }
    }

    private static string Mean(CallTally tally) => tally.Count == 0 ? "–" : tally.MeanMs.ToString("0.00", CultureInfo.InvariantCulture);

    private static void Steps(StringBuilder text, IReadOnlyList<StepCost> steps, double? azuriteIdle)
    {
        if (steps.Count == 0) return;
        Line(text, $"Each step on its own, one caller on one chat, nothing else of the benchmark running ({StepCosts.PerStep.TotalSeconds:0.#} s each). CPU: the benchmark process " +
            "(local host, storage SDK, SignalR clients). Azurite's CPU is net of what it used while the benchmark was idle" +
            (azuriteIdle is { } idle ? $" ({idle * 100:0.0}% of a core: other users of a shared Azurite, its own timers)" : "") + ", so it is rough.");
        Line(text);
        Line(text, "| Step | Times | ms each | CPU ms each | Azurite CPU ms each | KB allocated each |");
        Line(text, "|---|---:|---:|---:|---:|---:|");
        foreach (var step in steps)
        {
            Line(text, $"| {step.Step} | {step.Count:N0} | {step.MsEach:0.00} | {step.CpuMsEach:0.00} | " +
                $"{(step.AzuriteCpuMsEach is { } a ? a.ToString("0.00", CultureInfo.InvariantCulture) : "–")} | {step.KilobytesEach:0.0} |");
        }
        Line(text);
        var byName = steps.ToDictionary(s => s.Step);
        if (byName.TryGetValue(StepCosts.WholeChat, out var whole) && byName.TryGetValue(StepCosts.AddMessage, out var add)
            && byName.TryGetValue(StepCosts.PushStaff, out var staff) && byName.TryGetValue(StepCosts.PushVisitor, out var visitor)
            && byName.TryGetValue(StepCosts.RoundTrip, out var roundTrip) && byName.TryGetValue(StepCosts.WholeFloor, out var floor) && byName.TryGetValue(StepCosts.Insert, out var insert))
        {
            // What a push costs after the REST call returned (the client's receive and hand-over), taken from the floor.
            var receive = floor.MsEach - insert.MsEach - staff.MsEach;
            var receiveCpu = floor.CpuMsEach - insert.CpuMsEach - staff.CpuMsEach;
            // The echo to the visitor runs alongside the push to staff: its time overlaps, its CPU adds.
            var parts = add.MsEach + staff.MsEach + roundTrip.MsEach + receive;
            var partsCpu = add.CpuMsEach + staff.CpuMsEach + visitor.CpuMsEach + roundTrip.CpuMsEach + receiveCpu;
            Line(text, $"Taken apart: the whole chat message in a claimed chat ({whole.MsEach:0.00} ms, {whole.CpuMsEach:0.00} CPU ms) = the message insert " +
                $"({add.MsEach:0.00} ms) + push to staff ({staff.MsEach:0.00} ms; the echo to the visitor, {visitor.MsEach:0.00} ms, runs at the same time and adds CPU only) + an HTTP round trip to the local host " +
                $"({roundTrip.MsEach:0.00} ms) + the staff client's receive after the push call returned ({receive:0.00} ms, from the floor's steps) " +
                $"= {parts:0.00} ms and {partsCpu:0.00} CPU ms; the remaining {whole.MsEach - parts:0.00} ms and {whole.CpuMsEach - partsCpu:0.00} CPU ms are the message " +
                "function's own work (token check, rate limiter, body and answer JSON), the session transaction once a minute, and what does not add up exactly.");
            Line(text);
        }
    }

    private static void Mail(StringBuilder text, MailFigures figures)
    {
        Line(text, "## Mail intake end to end");
        Line(text);
        Line(text, $"{figures.Forms:N0} valid form posts (`POST /api/mail-intake`, each with its own reply address and `X-Forwarded-For`) by {figures.Concurrency} workers, " +
            "each timed from the start of its POST to the moment its receipt is in this host's dev outbox (polled in process every 2 ms). " +
            "**floor**: the same message enqueued on a queue of the benchmark's own and taken off by a minimal consumer with the host's queue semantics " +
            "that inserts one table row; timed enqueue start → row inserted. " +
            $"Host settings: e-mail `retry-after` {MailHost.RetryAfterSeconds} s (`Emulators:CommunicationServices:RetryAfterSeconds`), host.json queues: batchSize {figures.BatchSize}, " +
            $"newBatchThreshold {figures.NewBatchThreshold}, polling back-off 100 ms doubling to {figures.MaxPollingInterval.TotalSeconds:0.#} s when the queue is empty. " +
            $"Listeners running: {string.Join(", ", MailHost.ListenedFunctions)}. `mail-intake` held about {figures.IntakeQueueDepthBefore} message(s) before the run. " +
            $"A form fails on a non-2xx answer, an exception, or no receipt within {MailBenchmark.ReceiptTimeout.TotalSeconds:0} s of the last post. " +
            $"Warm-up rounds of {MailBenchmark.WarmUpForms} forms and {MailBenchmark.WarmUpForms} floor items go on until a round JIT-compiles fewer than " +
            $"{HttpBenchmark.QuietJitCompilations} methods ({HttpBenchmark.MinWarmUpRounds}-{HttpBenchmark.MaxWarmUpRounds} rounds); before each measured phase the benchmark " +
            $"waits {MailBenchmark.AzuriteGcInterval.TotalSeconds:0} s and then until Azurite is idle, so Azurite's queue garbage collection has swept what earlier phases left.");
        Line(text);
        Line(text, "| Phase | Target | Load avg | Accepted | Submit/s | Submit p50 ms | Submit p99 ms | Done | Done/s | E2E p50 ms | E2E p99 ms | E2E max ms | CPU ms/item | Azurite CPU ms/item | JIT methods | Failed | Missing (taken elsewhere) |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var run in figures.WarmUps.Concat([figures.Mail, figures.Floor]))
        {
            Line(text, $"| {run.Phase} | {run.Target} | {run.LoadAverage} | {run.Accepted:N0} | {run.SubmitPerSecond:N0} | {Stats.PercentileMs(run.SortedSubmitTicks, 0.5):0.0} | {Stats.PercentileMs(run.SortedSubmitTicks, 0.99):0.0} | " +
                $"{run.Completed:N0} | {run.DonePerSecond:N0} | {Stats.PercentileMs(run.SortedEndToEndTicks, 0.5):0} | {Stats.PercentileMs(run.SortedEndToEndTicks, 0.99):0} | " +
                $"{(run.SortedEndToEndTicks.Length == 0 ? double.NaN : Stats.TicksToMs(run.SortedEndToEndTicks[^1])):0} | {run.CpuMsPerItem:0.00} | {(run.AzuriteCpuMsPerItem is { } a ? a.ToString("0.00") : "–")} | {run.MethodsJitCompiled:N0} | " +
                $"{run.FailedSubmits:N0} | {run.Missing:N0} ({run.Stolen:N0}) |");
        }
        Line(text);
        Line(text, $"Mail receipts/s ÷ floor rows/s: **{figures.Ratio * 100:0.0}%** (submit/s: {figures.Mail.SubmitPerSecond:N0} vs {figures.Floor.SubmitPerSecond:N0} enqueues/s). " +
            $"Other e-mails in this host's outbox during the run: {figures.OtherMails:N0}{(figures.OtherMails > 0 ? $" ({figures.OtherMailSample})" : "")}.");
        if (figures.CleanupFailures() > 0) Line(text, $"{figures.CleanupFailures():N0} clean-up step(s) failed.");
        Line(text);
        MailCalls(text, figures);
    }

    /// <summary>Per item of the measured phases: storage requests by service and method, and the local host's routes.</summary>
    private static void MailCalls(StringBuilder text, MailFigures figures)
    {
        Line(text, "### Where an item's cost goes (measured phases)");
        Line(text);
        Line(text, "Requests per item completed (receipt or floor row) during each measured phase, from the runtime's own metrics: storage requests this process " +
            "sent to Azurite by service and HTTP method (queue POST = enqueue, GET = receive a batch, DELETE = delete, PUT = make visible again; table GET = read, " +
            "POST = insert or transaction, PUT = upsert or replace, PATCH/MERGE = merge), with their mean duration as the client saw it, and the local host's routes " +
            "as it served them (the form POST, the e-mail and SignalR emulators). Azurite's queue receive, delete and count scan every message of the account, so " +
            "their cost grows with the backlog shown below the table.");
        Line(text);
        Line(text, "| Request | Mail per form | Mail mean ms | Floor per item | Floor mean ms |");
        Line(text, "|---|---:|---:|---:|---:|");
        var keys = figures.Mail.Calls.Keys.Concat(figures.Floor.Calls.Keys).Distinct().Order(StringComparer.Ordinal);
        double mailTotal = 0, floorTotal = 0;
        foreach (var key in keys)
        {
            var mail = figures.Mail.Calls.GetValueOrDefault(key);
            var floor = figures.Floor.Calls.GetValueOrDefault(key);
            if (mail.Count == 0 && floor.Count == 0) continue;
            var perMail = figures.Mail.Completed == 0 ? double.NaN : (double)mail.Count / figures.Mail.Completed;
            var perFloor = figures.Floor.Completed == 0 ? double.NaN : (double)floor.Count / figures.Floor.Completed;
            if (!key.StartsWith("route ", StringComparison.Ordinal))
            {
                mailTotal += perMail;
                floorTotal += perFloor;
            }
            Line(text, $"| {key} | {perMail:0.00} | {(mail.Count == 0 ? "–" : mail.MeanMs.ToString("0.0"))} | {perFloor:0.00} | {(floor.Count == 0 ? "–" : floor.MeanMs.ToString("0.0"))} |");
        }
        Line(text, $"| **storage requests in all** | **{mailTotal:0.00}** | | **{floorTotal:0.00}** | |");
        Line(text);
        Line(text, $"Messages waiting (mail: `mail-intake` + `staff-notifications`; floor: its own queue), mean / max of samples twice a second: " +
            $"mail {figures.Mail.QueueDepthMean:0} / {figures.Mail.QueueDepthMax:N0}, floor {figures.Floor.QueueDepthMean:0} / {figures.Floor.QueueDepthMax:N0}.");
        Line(text);
    }

    private static void Reminders(StringBuilder text, ReminderFigures figures)
    {
        var small = figures.Small;
        var large = figures.Large;
        Line(text, "## Reminder sweep");
        Line(text);
        Line(text, $"`ReminderSweep.SweepAsync` from the app's composition root, at a fake now of {figures.Now:yyyy-MM-dd HH:mm} UTC, with the watermark the timer's previous run " +
            $"(5 minutes earlier) left ({figures.SteadyWatermark:HH:mm} UTC), so it reads the hour buckets from there to now. Each configuration has a dedicated in-memory Azurite " +
            $"holding its {small.Due:N0} due appointments (one reminder each due between the watermark and now; stored with every row the app writes) and its future appointments " +
            $"(2 to 363 days ahead; about half in the control arm, without reminder rows; without their statistics rows, which the sweep never reads). Before every sweep the due rows are put back to scheduled, the watermark is set and `sms-reminders` is emptied; after it, " +
            $"every message is read back and compared with the due reminders. One warm-up sweep each, then {figures.Rounds} alternating rounds (the first configuration swaps " +
            $"every round), then one sweep each after an outage (watermark a month behind: every hour back to the longest lead time). Load average {figures.LoadBefore} before, {figures.LoadAfter} after.");
        Line(text);
        Line(text, "| Configuration | Table | Rows | Requests | Seconds | Rows/s | Azurite CPU s |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|");
        foreach (var target in new[] { small, large })
        {
            foreach (var step in target.Seeding)
            {
                Line(text, $"| {target.Name} | {step.Table} | {step.Rows:N0} | {step.Requests:N0} | {step.Seconds:N1} | {step.RowsPerSecond:N0} | {(step.AzuriteCpuSeconds is { } c ? c.ToString("N1") : "–")} |");
            }
        }
        Line(text);
        Line(text, "| Configuration | Future appointments | Due | Seeded rows | Seeding s | Azurite RSS after seeding MB | at the end MB | peak MB | node heap limit MB |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var target in new[] { small, large })
        {
            Line(text, $"| {target.Name} | {target.Future:N0} | {target.Due:N0} | {target.SeededRows:N0} | {target.SeedingSeconds:N1} | {Mb(target.MemoryAfterSeeding?.CurrentMb)} | " +
                $"{Mb(target.MemoryAtEnd?.CurrentMb)} | {Mb(target.MemoryAtEnd?.PeakMb)} | {(target.NodeHeapMegabytes is { } h ? h.ToString("N0") : "default")} |");
        }
        Line(text);
        Line(text, "Per sweep: the client-side time of its queries, point reads, merges (claims) and queue sends, summed.");
        Line(text);
        Line(text, "| Phase | Configuration | Load avg | Sweep ms | Storage requests | queries ms | point reads ms | merges ms | sends ms | Azurite CPU ms | Bench CPU ms | Queued | Messages | Missing | Duplicates | Unexpected |");
        Line(text, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (target, round) in small.WarmUps.Select(r => (small, r)).Concat(large.WarmUps.Select(r => (large, r)))
            .Concat(small.Rounds.Zip(large.Rounds).SelectMany((pair, i) => i % 2 == 0 ? new[] { (small, pair.First), (large, pair.Second) } : [(large, pair.Second), (small, pair.First)]))
            .Concat(new[] { (small, small.Outage), (large, large.Outage) }.Where(x => x.Item2 is not null).Select(x => (x.Item1, x.Item2!))))
        {
            var check = round.Check;
            Line(text, $"| {round.Phase} | {target.Name} | {round.LoadAverage} | {round.Milliseconds:N1} | {round.Requests:N0} | " +
                $"{round.MsOf("query "):N0} | {round.MsOf("point read "):N0} | {round.MsOf("merge "):N0} | {round.MsOf("send "):N0} | {(round.AzuriteCpuMs is { } a ? a.ToString("N0") : "–")} | " +
                $"{round.ProcessCpuMs:N0} | {check.Queued:N0} | {check.Messages:N0} | {check.Missing:N0} | {check.Duplicates:N0} | {check.Unexpected:N0} |");
        }
        Line(text);
        Line(text, "| Configuration | Sweep p50 ms | min | max | Azurite CPU ms p50 |");
        Line(text, "|---|---:|---:|---:|---:|");
        foreach (var target in new[] { small, large })
        {
            Line(text, $"| {target.Name} ({target.Future:N0} future) | {target.MedianMs:N1} | {target.MinMs:N1} | {target.MaxMs:N1} | " +
                $"{Stats.Median(target.Rounds.Where(r => r.AzuriteCpuMs is not null).Select(r => r.AzuriteCpuMs!.Value).ToList()):N0} |");
        }
        Line(text);
        Line(text, $"Large ÷ small (p50): **{figures.Ratio:0.00}** (target ≤ {ReminderFigures.TargetRatio}).");
        Line(text);
        Line(text, "Storage requests per measured sweep by kind, with the time each took as the client saw it (a sweep makes them one after the other, so their times add up to nearly all of it):");
        Line(text);
        Line(text, "| Request | small: per sweep | mean ms | ms per sweep | large: per sweep | mean ms | ms per sweep |");
        Line(text, "|---|---:|---:|---:|---:|---:|---:|");
        var smallCalls = small.CallsPerSweep();
        var largeCalls = large.CallsPerSweep();
        foreach (var kind in smallCalls.Keys.Union(largeCalls.Keys).Order(StringComparer.Ordinal))
        {
            string Cells(IReadOnlyDictionary<string, (double PerSweep, double MeanMs, double MsPerSweep)> calls)
                => calls.TryGetValue(kind, out var c) ? $"{c.PerSweep:N1} | {c.MeanMs:N2} | {c.MsPerSweep:N1}" : "– | – | –";
            Line(text, $"| {kind} | {Cells(smallCalls)} | {Cells(largeCalls)} |");
        }
        Line(text);
    }

    private static string Mb(double? megabytes) => megabytes is { } m ? m.ToString("N0") : "–";

    private static string Verdict(bool pass) => pass ? "PASS" : "**FAIL**";

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
