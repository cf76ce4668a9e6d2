using System.Globalization;

namespace Steunpunt.Common.Storage;

/// <summary>
/// The day and month partition keys of the time-ordered tables (UTC day "yyyyMMdd", UTC month "yyyyMM"). Stored rows
/// depend on this text, and range queries on its ordering: it must never change.
/// </summary>
public static class PartitionKeys
{
    private const string DayFormat = "yyyyMMdd";
    private const string MonthFormat = "yyyyMM";

    public static string Day(DateTimeOffset at) => at.UtcDateTime.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString(DayFormat, CultureInfo.InvariantCulture);

    public static string Month(DateTimeOffset at) => at.UtcDateTime.ToString(MonthFormat, CultureInfo.InvariantCulture);

    public static string Month(DateOnly day) => day.ToString(MonthFormat, CultureInfo.InvariantCulture);

    public static DateOnly ParseDay(string key) => DateOnly.ParseExact(key, DayFormat, CultureInfo.InvariantCulture);
}
