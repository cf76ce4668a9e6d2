using Azure;
using Azure.Data.Tables;

namespace Steunpunt.MailIntake.Cases;

/// <summary>
/// One read of a case's personal fields by a staff member: who, when, through which answer (<see cref="MailCaseViews"/>).
/// Kept in the case's partition (<c>(case id, "r&lt;ticks&gt;_&lt;random&gt;")</c>) for as long as the case, no longer.
/// </summary>
public sealed class MailCaseRead : ITableEntity
{
    public const string Prefix = "r";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string StaffId { get; set; } = "";
    public string? StaffName { get; set; }
    public DateTimeOffset At { get; set; }
    public string View { get; set; } = MailCaseViews.Case;

    /// <summary>In time order; the random part keeps two reads in the same tick apart.</summary>
    public static string Key(DateTimeOffset at) => Prefix + at.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];
}

/// <summary>The answers that hand out a case's personal fields, as recorded in <see cref="MailCaseRead.View"/>.</summary>
public static class MailCaseViews
{
    public const string Case = "case";
    public const string Claim = "claim";
    public const string Close = "close";
}
