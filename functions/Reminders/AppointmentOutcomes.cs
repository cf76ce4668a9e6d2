namespace Steunpunt.Reminders;

public static class AppointmentOutcomes
{
    public const string Attended = "attended";
    public const string NoShow = "no-show";
    public const string Cancelled = "cancelled";
    public static readonly IReadOnlyList<string> All = [Attended, NoShow, Cancelled];
}
