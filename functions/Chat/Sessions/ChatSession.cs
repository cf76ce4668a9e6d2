using Azure;
using Azure.Data.Tables;

namespace Steunpunt.Chat.Sessions;

public static class ChatStates
{
    public const string Waiting = "waiting";
    public const string Active = "active";
    public const string Closed = "closed";
}

public static class ChatTopics
{
    public const string SexualOffence = Common.CrimeTypes.SexualOffence;
    public static readonly IReadOnlyList<string> All = Common.CrimeTypes.All;
}

public static class ChatParties
{
    public const string Visitor = "visitor";
    public const string Staff = "staff";
    public const string System = "system";
}

/// <summary>
/// One chat: the row <c>(chat id, "session")</c> in the Chats table, next to its messages <c>(chat id, "m0000000001")</c>,
/// so a message and the session's counter change in one transaction. No name, address or IP of the visitor.
/// </summary>
public sealed class ChatSession : ITableEntity
{
    public const string RowKeyValue = "session";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = RowKeyValue;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public string Id => PartitionKey;
    public string State { get; set; } = ChatStates.Waiting;
    public string? Topic { get; set; }
    public bool AboutPoliceReport { get; set; }

    /// <summary>SHA-256 of the visitor's token; the token itself is only ever in the visitor's hands.</summary>
    public string VisitorTokenHash { get; set; } = "";

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastActivityAt { get; set; }
    public DateTimeOffset? ClaimedAt { get; set; }
    public DateTimeOffset? FirstAnswerAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public string? StaffId { get; set; }
    public string? StaffName { get; set; }

    /// <summary>
    /// The number of a message known to exist when the session was last written: the last one then, but messages are
    /// usually added without writing the session (see <see cref="Chat.ChatMessages"/>), so it may lag behind.
    /// </summary>
    public int LastSequence { get; set; }

    public bool WaitAlertSent { get; set; }
    public int? Satisfaction { get; set; }
    public string? SatisfactionComment { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public bool IsOpen => State != ChatStates.Closed;

    /// <summary>A shallow copy (every member is a value or an immutable string), so a cached session is never changed in place.</summary>
    internal object MemberwiseCloneForCache() => MemberwiseClone();
}

/// <summary>
/// A message row: <c>(chat id, "m" + sequence)</c>. <see cref="From"/> is visitor, staff or system (a line such as "the
/// chat was closed"); an empty row is a number kept after "delete my conversation" (see <see cref="ChatStore.BlankAsync"/>).
/// </summary>
public sealed class ChatMessageEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string From { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
    public string? StaffName { get; set; }

    public static string Key(int sequence) => "m" + sequence.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    public static int SequenceOf(string rowKey) => int.Parse(rowKey.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    [System.Runtime.Serialization.IgnoreDataMember]
    public int Sequence => SequenceOf(RowKey);
}

/// <summary>A message as visitors and staff see it.</summary>
public sealed record ChatMessage(int Seq, string From, string Text, DateTimeOffset SentAt, string? StaffName);
