using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Steunpunt.Common.Http;

/// <summary>Reads <c>?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c> (both inclusive; default the last 30 days up to today).</summary>
public static class DateRangeQuery
{
    public const int DefaultDays = 30;

    public static (DateOnly From, DateOnly To, ProblemResult? Problem) Parse(HttpRequest request, DateOnly today, int maxDays)
    {
        var errors = new Dictionary<string, string[]>();
        var to = ParseDate(request, "to", errors) ?? today;
        // Within the first days of the calendar the default period starts on its first day (AddDays would overflow).
        var from = ParseDate(request, "from", errors) ?? DateOnly.FromDayNumber(Math.Max(0, to.DayNumber - (DefaultDays - 1)));
        if (errors.Count == 0 && from > to) errors["from"] = ["'from' ligt na 'to'."];
        if (errors.Count == 0 && to.DayNumber - from.DayNumber + 1 > maxDays) errors["to"] = [$"Vraag hoogstens {maxDays} dagen tegelijk op."];
        return errors.Count == 0
            ? (from, to, null)
            : (from, to, Http.Problem.Validation("De periode is ongeldig.", errors));
    }

    private static DateOnly? ParseDate(HttpRequest request, string name, Dictionary<string, string[]> errors)
    {
        var value = request.Query[name].ToString();
        if (string.IsNullOrEmpty(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        errors[name] = ["Gebruik een datum als jjjj-mm-dd."];
        return null;
    }
}
