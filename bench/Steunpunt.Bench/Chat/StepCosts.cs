using System.Diagnostics;
using Azure.Data.Tables;
using Steunpunt.Chat;
using Steunpunt.Chat.Sessions;
using Steunpunt.Connectors.SignalR;
using Steunpunt.StaffNotifications;

namespace Steunpunt.Bench.Chat;

/// <summary>One step done on its own, again and again, by one caller.</summary>
/// <param name="AzuriteCpu">Azurite's CPU time over the step, less what it used in the same time while this benchmark was idle.</param>
public sealed record StepCost(string Step, long Count, TimeSpan Wall, TimeSpan Cpu, TimeSpan? AzuriteCpu, long AllocatedBytes, long Failures)
{
    public double MsEach => Wall.TotalMilliseconds / Count;
    public double CpuMsEach => Cpu.TotalMilliseconds / Count;
    public double? AzuriteCpuMsEach => AzuriteCpu is { } cpu ? Math.Max(0, cpu.TotalMilliseconds) / Count : null;
    public double KilobytesEach => AllocatedBytes / 1024.0 / Count;
}

/// <summary>
/// The chat message's path taken apart: each step it makes (in a claimed chat the message insert alone and the two
/// pushes; the session read and the append transaction only on a cache miss, while waiting, or once a minute)
/// and, for comparison, the floor's insert and the whole chat and floor messages, each repeated for
/// <see cref="PerStep"/> by a single caller on one session with nothing else running. No queueing, so wall time is
/// the step's own latency; CPU time and allocation per step show what it costs the process (the local host and the
/// storage SDK), and Azurite's CPU what it costs Azurite.
/// </summary>
public static class StepCosts
{
    public static readonly TimeSpan PerStep = TimeSpan.FromSeconds(1.5);
    private const int MinimumCount = 20;

    public const string Read = "storage read: the session (`ChatStore.FindAsync`)";
    public const string Append = "storage transaction: session update + message insert (`ChatStore.TryAppendAsync`; waiting chats, first answer, once a minute)";
    public const string AddMessage = "storage insert: the message alone (`ChatStore.TryAddMessageAsync`; a claimed chat's usual message)";
    public const string Insert = "storage insert: one message row (floor)";
    public const string PushStaff = "SignalR REST: push to the staff member";
    public const string PushVisitor = "SignalR REST: echo to the visitor";
    public const string RoundTrip = "local host round trip without storage or push (`GET /api/chats/availability`)";
    public const string WholeChat = "whole chat message: POST → staff client has it";
    public const string WholeFloor = "whole floor message: insert + push → staff client has it";

    /// <summary>Azurite's CPU use while this benchmark does nothing, as a share of one core: other users of a shared Azurite, its own timers.</summary>
    public static async Task<double?> AzuriteIdleAsync(AzuriteCpu? azurite)
    {
        if (azurite?.Total() is not { } before) return null;
        var watch = Stopwatch.StartNew();
        await Task.Delay(PerStep);
        return azurite.Total() is { } after ? (after - before) / watch.Elapsed : null;
    }

    public static async Task<IReadOnlyList<StepCost>> MeasureAsync(
        BenchSession session, ChatStore store, TableClient chats, IRealtimeMessenger messenger, ChatLoad load, HttpClient client, Uri functionsBase,
        AzuriteCpu? azurite, double? azuriteIdle)
    {
        var availability = new Uri(functionsBase, "api/chats/availability");
        var results = new List<StepCost>();
        var chat = await store.FindAsync(session.ChatId, CancellationToken.None) ?? throw new InvalidOperationException("The bench chat is gone.");
        var push = new MessagePush(session.ChatId, 0, BenchSession.StepSender, MessageTexts.All[4], DateTimeOffset.UtcNow, null);

        results.Add(await MeasureAsync(Read, azurite, azuriteIdle, async () => await store.FindAsync(session.ChatId, CancellationToken.None) is not null));
        // The session's own counter lags behind messages added alone: start the transactions at the chat's real last number.
        chat.LastSequence = await store.LastSequenceAsync(chat.Id, chat.LastSequence, CancellationToken.None);
        results.Add(await MeasureAsync(Append, azurite, azuriteIdle, async () =>
        {
            // What ChatMessages.AppendAsync does after its checks.
            var now = DateTimeOffset.UtcNow;
            chat.LastSequence++;
            chat.LastActivityAt = now;
            var row = new ChatMessageEntity { PartitionKey = chat.Id, RowKey = ChatMessageEntity.Key(chat.LastSequence), From = ChatParties.Visitor, Text = MessageTexts.All[4], SentAt = now };
            return await store.TryAppendAsync(chat, row, CancellationToken.None);
        }));
        results.Add(await MeasureAsync(AddMessage, azurite, azuriteIdle, async () =>
        {
            var row = new ChatMessageEntity { PartitionKey = chat.Id, RowKey = ChatMessageEntity.Key(chat.LastSequence + 1), From = ChatParties.Visitor, Text = MessageTexts.All[4], SentAt = DateTimeOffset.UtcNow };
            return await store.TryAddMessageAsync(chat, row, CancellationToken.None);
        }));
        session.LastChatSeq = chat.LastSequence;
        results.Add(await MeasureAsync(Insert, azurite, azuriteIdle, async () =>
        {
            var row = new ChatMessageEntity
            {
                PartitionKey = session.ChatId, RowKey = "f" + (++session.LastFloorSeq).ToString("D10", System.Globalization.CultureInfo.InvariantCulture),
                From = ChatParties.Visitor, Text = MessageTexts.All[4], SentAt = DateTimeOffset.UtcNow,
            };
            await chats.AddEntityAsync(row);
            return true;
        }));
        results.Add(await MeasureAsync(PushStaff, azurite, azuriteIdle, async () =>
        {
            await messenger.SendToUserAsync(SignalRHubs.Staff, session.Staff.UserId, ChatEvents.Message, [push]);
            return true;
        }));
        results.Add(await MeasureAsync(PushVisitor, azurite, azuriteIdle, async () =>
        {
            await messenger.SendToUserAsync(ChatRealtime.VisitorHub, ChatRealtime.VisitorUser(session.ChatId), ChatEvents.Message, [push]);
            return true;
        }));
        results.Add(await MeasureAsync(RoundTrip, azurite, azuriteIdle, async () =>
        {
            using var response = await client.GetAsync(availability);
            await response.Content.ReadAsByteArrayAsync();
            return response.IsSuccessStatusCode;
        }));
        results.Add(await MeasureAsync(WholeChat, azurite, azuriteIdle, async () => await load.SendOneAsync(ChatLoad.Chat, session) is null));
        results.Add(await MeasureAsync(WholeFloor, azurite, azuriteIdle, async () => await load.SendOneAsync(ChatLoad.Floor, session) is null));
        return results;
    }

    private static async Task<StepCost> MeasureAsync(string step, AzuriteCpu? azurite, double? azuriteIdle, Func<Task<bool>> once)
    {
        long count = 0, failures = 0;
        var azuriteBefore = azurite?.Total();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < PerStep || count < MinimumCount)
        {
            if (!await once()) failures++;
            count++;
        }
        var wall = watch.Elapsed;
        var azuriteUsed = azurite?.Total() - azuriteBefore - wall * (azuriteIdle ?? 0);
        return new StepCost(step, count, wall, Environment.CpuUsage.TotalTime - cpuBefore, azuriteUsed, GC.GetTotalAllocatedBytes() - allocatedBefore, failures);
    }
}
