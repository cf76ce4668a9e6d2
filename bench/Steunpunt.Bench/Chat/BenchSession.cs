using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace Steunpunt.Bench.Chat;

/// <summary>What the staff console reads from a <c>chatMessage</c> push (the rest of the payload is ignored).</summary>
public sealed record ReceivedPush(string ChatId, int Seq, string From);

/// <summary>
/// One visitor session: a claimed chat, its visitor token, the staff member who has it, and the one message in
/// flight (the load is a closed loop per session, so there is never more than one). The staff console completes
/// the waiting message when its push arrives, with the time it arrived.
/// </summary>
public sealed class BenchSession(int index, string chatId, string visitorToken, StaffConsole staff)
{
    /// <summary>The <c>from</c> of the floor's pushes, so they can never be taken for a chat message.</summary>
    public const string FloorSender = "bench-floor";

    /// <summary>The <c>from</c> of pushes sent on their own to time them (<see cref="StepCosts"/>); the console ignores them.</summary>
    public const string StepSender = "bench-step";

    private readonly Lock gate = new();
    private TaskCompletionSource<long>? pending;
    private string expectedFrom = "";
    private int expectedSeq;

    public int Index { get; } = index;
    public string ChatId { get; } = chatId;
    public string VisitorToken { get; } = visitorToken;
    public StaffConsole Staff { get; } = staff;

    /// <summary>The last sequence number the chat gave a message of this session.</summary>
    public int LastChatSeq { get; set; }

    /// <summary>The last sequence number of the floor's rows and pushes for this session (its own numbering).</summary>
    public int LastFloorSeq { get; set; }

    /// <summary>Pushes that came after their message had been given up (timed out), or that nobody waited for.</summary>
    public static long Unexpected => Interlocked.Read(ref unexpected);
    private static long unexpected;

    /// <summary>Registers the message about to be sent; the task completes with the Stopwatch timestamp of its push's arrival.</summary>
    public Task<long> Expect(string from, int seq)
    {
        var arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            pending = arrival;
            expectedFrom = from;
            expectedSeq = seq;
        }
        return arrival.Task;
    }

    /// <summary>The message failed or timed out: a push for it that still comes is counted as unexpected.</summary>
    public void GiveUp()
    {
        lock (gate) pending = null;
    }

    public void Received(ReceivedPush push, long timestamp)
    {
        TaskCompletionSource<long>? arrival = null;
        lock (gate)
        {
            if (pending is not null && push.Seq == expectedSeq && push.From == expectedFrom)
            {
                arrival = pending;
                pending = null;
            }
        }
        if (arrival is null) Interlocked.Increment(ref unexpected);
        else arrival.TrySetResult(timestamp);
    }
}

/// <summary>
/// A staff member's console: one real SignalR client on the staff hub (<c>{functions}/api/staff</c>, negotiated with
/// the staff token), connected to the local host's SignalR emulator, taking the timestamp of every
/// <c>chatMessage</c> push the moment the client hands it over.
/// </summary>
public sealed class StaffConsole : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, BenchSession> sessions;

    private StaffConsole(string userId, string name, string accessToken, HubConnection connection, ConcurrentDictionary<string, BenchSession> sessions)
    {
        UserId = userId;
        Name = name;
        AccessToken = accessToken;
        Connection = connection;
        this.sessions = sessions;
        connection.On<ReceivedPush>(Steunpunt.Chat.ChatEvents.Message, push =>
        {
            var at = Stopwatch.GetTimestamp();
            if (push.From != BenchSession.StepSender && sessions.TryGetValue(push.ChatId, out var session)) session.Received(push, at);
        });
    }

    /// <summary>The staff member's subject: the user id the chat pushes to.</summary>
    public string UserId { get; }
    public string Name { get; }
    public string AccessToken { get; }
    public HubConnection Connection { get; }

    /// <param name="sessions">Every session of the run by chat id, filled in as chats are claimed.</param>
    public static StaffConsole Create(Uri functionsBase, string userId, string name, string accessToken, ConcurrentDictionary<string, BenchSession> sessions)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(functionsBase, "api/staff"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken))
            .Build();
        return new StaffConsole(userId, name, accessToken, connection, sessions);
    }

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
