using Azure;
using Azure.Data.Tables;

namespace Steunpunt.MailIntake.Cases;

public static class MailCaseStatus
{
    public const string New = "new";
    public const string Assigned = "assigned";
    public const string Answered = "answered";
    public const string Closed = "closed";
    public static readonly IReadOnlyList<string> All = [New, Assigned, Answered, Closed];
}

/// <summary>
/// A mail case: the row <c>(case id, "case")</c>, which also holds the sender's question (message 1 of the thread), next
/// to the rest of its thread <c>(case id, "m0000000002")</c>, …
/// </summary>
public sealed class MailCase : ITableEntity
{
    public const string RowKeyValue = "case";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = RowKeyValue;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [System.Runtime.Serialization.IgnoreDataMember]
    public string Id => PartitionKey;

    public string Reference { get; set; } = "";
    public string Status { get; set; } = MailCaseStatus.New;
    public DateTimeOffset ReceivedAt { get; set; }
    public string ReplyAddress { get; set; } = "";
    public string? Name { get; set; }
    public string? CrimeType { get; set; }
    public bool ConsentToStore { get; set; }
    public string Language { get; set; } = "nl";
    public bool RepeatContact { get; set; }
    public string? AssignedTo { get; set; }
    public string? AssignedName { get; set; }
    public DateTimeOffset? FirstAnswerAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public int LastSequence { get; set; }

    /// <summary>
    /// The sender's question, message 1 of the thread. On the case row, so storing a new case is one insert rather than a
    /// transaction of two. Null for older cases, whose question is the row <c>m0000000001</c> (docs/decisions/0006).
    /// </summary>
    public string? Question { get; set; }

    public int? Satisfaction { get; set; }
    public string? SatisfactionComment { get; set; }

    /// <summary>Keyed hashes of the secrets in the sender's continue links (see <see cref="Sender.MailLinks"/>), never the secrets.</summary>
    public string? LinkHashes { get; set; }
}

public static class MailParties
{
    public const string Sender = "sender";
    public const string Staff = "staff";
}

/// <summary>One message of the thread: the sender's question, or a staff reply (HTML sanitised, and its plain text).</summary>
public sealed class MailThreadEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string From { get; set; } = MailParties.Sender;
    public string Text { get; set; } = "";
    public string? Html { get; set; }
    public DateTimeOffset At { get; set; }
    public string? StaffId { get; set; }
    public string? StaffName { get; set; }

    /// <summary>For replies: <c>sending</c>, <c>sent</c> or <c>failed</c>.</summary>
    public string? Delivery { get; set; }
    public string? OperationId { get; set; }

    public static string Key(int sequence) => "m" + sequence.ToString("D10", System.Globalization.CultureInfo.InvariantCulture);

    [System.Runtime.Serialization.IgnoreDataMember]
    public int Sequence => int.Parse(RowKey.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
}
