namespace Steunpunt.Chat.Schedule;

/// <summary>A staffed period within one local day; <see cref="End"/> may be 24:00.</summary>
public readonly record struct OpeningPeriod(TimeSpan Start, TimeSpan End)
{
    /// <summary>Reads <c>"09:00-17:00,18:00-21:00"</c>; empty or <c>closed</c> is a closed day.</summary>
    public static bool TryParseDay(string? text, out IReadOnlyList<OpeningPeriod> periods, out string? error)
    {
        periods = [];
        error = null;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("closed", StringComparison.OrdinalIgnoreCase)) return true;

        var list = new List<OpeningPeriod>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length != 2 || !TryTime(bounds[0], out var start) || !TryTime(bounds[1], out var end) || end <= start)
            {
                error = $"'{part}' is not a period such as '09:00-17:00' (end after start, 24:00 allowed).";
                return false;
            }
            list.Add(new OpeningPeriod(start, end));
        }
        list.Sort((a, b) => a.Start.CompareTo(b.Start));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Start < list[i - 1].End)
            {
                error = "periods overlap.";
                return false;
            }
        }
        periods = list;
        return true;
    }

    private static bool TryTime(string text, out TimeSpan time)
    {
        time = default;
        if (text == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }
        if (!TimeOnly.TryParseExact(text, "HH:mm", out var parsed)) return false;
        time = parsed.ToTimeSpan();
        return true;
    }
}
