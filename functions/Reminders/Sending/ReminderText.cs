using System.Globalization;
using Steunpunt.Reminders.Appointments;

namespace Steunpunt.Reminders.Sending;

/// <summary>The reminder SMS: when and where, and how to cancel or move; never why (no crime details).</summary>
public static class ReminderText
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string For(Appointment appointment, TimeZoneInfo zone, string organisation, string phone)
    {
        var local = TimeZoneInfo.ConvertTime(appointment.StartsAt, zone);
        var english = appointment.Language == "en";
        var when = english
            ? local.ToString("dddd d MMMM 'at' HH:mm", English)
            : local.ToString("dddd d MMMM 'om' HH:mm", Dutch);
        var where = (appointment.Kind, english) switch
        {
            (AppointmentKinds.Phone, false) => "Wij bellen u op.",
            (AppointmentKinds.Phone, true) => "We will call you.",
            (AppointmentKinds.HomeVisit, false) => "Wij komen bij u thuis.",
            (AppointmentKinds.HomeVisit, true) => "We will visit you at home.",
            (_, false) => "Plaats: " + (appointment.Place ?? "ons kantoor") + ".",
            (_, true) => "Place: " + (appointment.Place ?? "our office") + ".",
        };
        return english
            ? $"Reminder: your appointment with {organisation} is on {when}. {where} To cancel or move it, call {phone}. Reply STOP for no more texts."
            : $"Herinnering: uw afspraak met {organisation} is op {when}. {where} Afzeggen of verzetten? Bel {phone}. Antwoord STOP voor geen sms meer.";
    }
}
