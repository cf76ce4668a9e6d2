namespace Steunpunt.Reminders;

public static class AppointmentKinds
{
    public const string Office = "office";
    public const string Phone = "phone";
    public const string HomeVisit = "home-visit";
    public static readonly IReadOnlyList<string> All = [Office, Phone, HomeVisit];
}
