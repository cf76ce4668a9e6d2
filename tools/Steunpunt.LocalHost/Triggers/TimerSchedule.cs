using Cronos;
using Microsoft.Extensions.Configuration;

namespace Steunpunt.LocalHost.Triggers;

/// <summary>
/// A six-field NCRONTAB schedule (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>) in the app's time
/// zone. Like the Functions host on Linux, the zone comes from <c>WEBSITE_TIME_ZONE</c> or <c>TZ</c>; default UTC.
/// Occurrences are computed by Cronos, which handles daylight-saving gaps and overlaps.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CronExpression expression;

    private TimerSchedule(string text, CronExpression expression, TimeZoneInfo zone)
    {
        Text = text;
        this.expression = expression;
        Zone = zone;
    }

    public string Text { get; }
    public TimeZoneInfo Zone { get; }

    public DateTimeOffset? NextAfter(DateTimeOffset instant) => expression.GetNextOccurrence(instant, Zone);

    public static TimerSchedule Parse(string schedule, IConfiguration configuration, string function)
    {
        var resolved = ResolveSetting(schedule, configuration, function);
        if (resolved.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            throw new InvalidOperationException(
                $"Function '{function}': schedule '{resolved}' must be a six-field NCRONTAB expression ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}).");
        }
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(resolved, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException exception)
        {
            throw new InvalidOperationException($"Function '{function}': schedule '{resolved}' is not valid: {exception.Message}", exception);
        }
        return new TimerSchedule(resolved, expression, ZoneFrom(configuration));
    }

    public static TimeZoneInfo ZoneFrom(IConfiguration configuration)
    {
        var name = configuration["WEBSITE_TIME_ZONE"] ?? configuration["TZ"];
        if (string.IsNullOrWhiteSpace(name)) return TimeZoneInfo.Utc;
        return TimeZoneInfo.TryFindSystemTimeZoneById(name, out var zone)
            ? zone
            : throw new InvalidOperationException($"Setting 'WEBSITE_TIME_ZONE'/'TZ': unknown time zone '{name}' (use an IANA id such as Europe/Amsterdam).");
    }

    /// <summary>A schedule written as <c>%Setting%</c> is read from that app setting, as in the Functions host.</summary>
    public static string ResolveSetting(string value, IConfiguration configuration, string function)
    {
        if (value.Length < 3 || value[0] != '%' || value[^1] != '%') return value;
        var setting = value[1..^1];
        return configuration[setting.Replace("__", ":", StringComparison.Ordinal)]
            ?? throw new InvalidOperationException($"Function '{function}': setting '{setting}' (named by '{value}') is missing.");
    }
}
