using Steunpunt.Common.Storage;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Steunpunt.Common;
using Steunpunt.Common.Http;
using Steunpunt.Connectors.Sms;
using Steunpunt.Reminders.Sending;

namespace Steunpunt.Reminders.Appointments;

/// <summary>Staff create, change and cancel appointments and record their outcome. Bad input is refused before anything is stored.</summary>
public sealed class StaffAppointments(AppointmentStore store, ReminderSchedule schedule, IOptions<ReminderOptions> options, TimeProvider clock, OrganisationClock organisation)
{
    private readonly ReminderOptions settings = options.Value;
    private readonly ReminderPlanner planner = ReminderPlanner.From(options.Value, organisation.Zone);

    public async Task<IActionResult> CreateAsync(AppointmentRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (valid, problem) = Validate(request, now);
        if (problem is not null) return problem;
        var id = EntityIds.New();
        var appointment = new Appointment
        {
            Id = id,
            Version = 1,
            CreatedAt = now,
            Arm = ExperimentArms.Assign(id, settings.ExperimentSeed, settings.ReminderShare),
        };
        Apply(appointment, valid!, now);
        await store.AddAsync(appointment, LocalDay(appointment.StartsAt), cancellationToken);
        await ScheduleAsync(appointment, cancellationToken);
        return Respond(appointment, StatusCodes.Status201Created);
    }

    public async Task<IActionResult> UpdateAsync(string id, AppointmentRequest request, string? ifMatch, CancellationToken cancellationToken)
    {
        var appointment = await store.FindAsync(id, cancellationToken);
        if (appointment is null) return Problem.NotFound("Deze afspraak bestaat niet.");
        if (appointment.Status == AppointmentStatus.Cancelled) return Cancelled();
        if (!string.IsNullOrEmpty(ifMatch) && ifMatch != ETagOf(appointment)) return Changed();
        var now = clock.GetUtcNow();
        var (valid, problem) = Validate(request, now);
        if (problem is not null) return problem;
        var previousStart = appointment.StartsAt;
        appointment.Version++;
        Apply(appointment, valid!, now);
        if (!await store.TryReplaceAsync(appointment, LocalDay(appointment.StartsAt), LocalDay(previousStart), previousStart, cancellationToken)) return Changed();
        // The rows of the previous version stay; sweep and sender see the version changed and skip them.
        await ScheduleAsync(appointment, cancellationToken);
        return Respond(appointment, StatusCodes.Status200OK);
    }

    public async Task<IActionResult> CancelAsync(string id, CancellationToken cancellationToken)
    {
        var appointment = await store.FindAsync(id, cancellationToken);
        if (appointment is null) return Problem.NotFound("Deze afspraak bestaat niet.");
        if (appointment.Status == AppointmentStatus.Cancelled) return Respond(appointment, StatusCodes.Status200OK);
        appointment.Status = AppointmentStatus.Cancelled;
        appointment.Outcome ??= AppointmentOutcomes.Cancelled;
        appointment.Version++;
        appointment.RemindersDue = [];
        var day = LocalDay(appointment.StartsAt);
        return await store.TryReplaceAsync(appointment, day, day, appointment.StartsAt, cancellationToken) ? Respond(appointment, StatusCodes.Status200OK) : Changed();
    }

    public async Task<IActionResult> RecordOutcomeAsync(string id, AppointmentOutcomeRequest request, CancellationToken cancellationToken)
    {
        if (!AppointmentOutcomes.All.Contains(request.Outcome))
        {
            return Problem.Validation("outcome", $"Kies een uitkomst: {string.Join(", ", AppointmentOutcomes.All)}.");
        }
        var appointment = await store.FindAsync(id, cancellationToken);
        if (appointment is null) return Problem.NotFound("Deze afspraak bestaat niet.");
        if (request.Outcome != AppointmentOutcomes.Cancelled && clock.GetUtcNow() < appointment.StartsAt)
        {
            return Problem.Conflict("appointment-not-started", "De afspraak is nog niet begonnen.", "Gekomen of niet gekomen kan pas worden vastgelegd als de afspraak is begonnen.");
        }
        if (appointment.Status == AppointmentStatus.Cancelled && request.Outcome != AppointmentOutcomes.Cancelled) return Cancelled();
        appointment.Outcome = request.Outcome;
        var day = LocalDay(appointment.StartsAt);
        return await store.TryReplaceAsync(appointment, day, day, appointment.StartsAt, cancellationToken) ? Respond(appointment, StatusCodes.Status200OK) : Changed();
    }

    public async Task<IActionResult> GetAsync(string id, CancellationToken cancellationToken)
        => await store.FindAsync(id, cancellationToken) is { } appointment ? Respond(appointment, StatusCodes.Status200OK) : Problem.NotFound("Deze afspraak bestaat niet.");

    /// <summary>The organisation's local day now: the day list's default.</summary>
    public DateOnly Today() => organisation.Today();

    /// <summary>The appointments of a local day, earliest first, as the single GET shows them (phone number masked the same way).</summary>
    public async Task<(IReadOnlyList<AppointmentView> Appointments, string? Next)> DayAsync(DateOnly day, string? after, int limit, CancellationToken cancellationToken)
    {
        var (appointments, next) = await store.DayAsync(day, LocalDay, after, limit, cancellationToken);
        return (appointments.Select(View).ToList(), next);
    }

    private sealed record ValidRequest(DateTimeOffset StartsAt, string Kind, string? Place, string? Phone, bool Consent, string Language);

    private (ValidRequest?, IActionResult?) Validate(AppointmentRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var (startsAt, timeError) = LocalStartTime.Parse(request.StartsAt, planner.Zone);
        if (timeError is not null) errors["startsAt"] = [timeError];
        else if (startsAt <= now) errors["startsAt"] = ["Deze tijd ligt in het verleden."];
        else if (startsAt > now.AddDays(366)) errors["startsAt"] = ["Plan hoogstens een jaar vooruit."];
        if (!AppointmentKinds.All.Contains(request.Kind)) errors["kind"] = [$"Kies een soort afspraak: {string.Join(", ", AppointmentKinds.All)}."];
        var place = string.IsNullOrWhiteSpace(request.Place) ? null : request.Place.Trim();
        if (place is not null && (place.Length > settings.MaxPlaceLength || !FreeText.IsLine(place)))
        {
            errors["place"] = [$"Geef de plaats in hoogstens {settings.MaxPlaceLength} tekens op één regel (alleen waar, niet waarom)."];
        }
        string? phone = null;
        if (request.PhoneNumber is not null || request.ConsentToSms)
        {
            var (e164, phoneError) = PhoneNumberRules.Normalise(request.PhoneNumber, PhoneNumberUse.Sms);
            if (phoneError is not null) errors["phoneNumber"] = [phoneError];
            phone = e164;
        }
        var language = request.Language ?? "nl";
        if (language is not ("nl" or "en")) errors["language"] = ["Kies nl of en."];
        if (errors.Count > 0) return (null, Problem.Validation("De afspraak is niet opgeslagen: " + string.Join(" ", errors.Values.SelectMany(v => v)), errors));
        return (new ValidRequest(startsAt!.Value, request.Kind, place, phone, request.ConsentToSms, language), null);
    }

    private void Apply(Appointment appointment, ValidRequest valid, DateTimeOffset now)
    {
        appointment.StartsAt = valid.StartsAt;
        appointment.Kind = valid.Kind;
        appointment.Place = valid.Place;
        appointment.Phone = valid.Phone;
        appointment.ConsentToSms = valid.Consent;
        appointment.Language = valid.Language;
        appointment.RemindersDue = appointment.Arm == ExperimentArm.Reminder && valid.Consent && valid.Phone is not null
            ? planner.Plan(valid.StartsAt, settings.Leads, now).Select(p => p.DueAt).ToList()
            : [];
    }

    private async Task ScheduleAsync(Appointment appointment, CancellationToken cancellationToken)
    {
        if (appointment.RemindersDue.Count == 0) return;
        foreach (var reminder in planner.Plan(appointment.StartsAt, settings.Leads, clock.GetUtcNow()))
        {
            await schedule.AddAsync(appointment.Id, appointment.Version, reminder, cancellationToken);
        }
    }

    private DateOnly LocalDay(DateTimeOffset instant) => planner.LocalDay(instant);

    private static string ETagOf(Appointment appointment) => $"\"{appointment.Version}\"";

    private AppointmentView View(Appointment a) => new(
        a.Id, a.Version, a.Status, a.StartsAt,
        TimeZoneInfo.ConvertTime(a.StartsAt, planner.Zone).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture),
        a.Kind, a.Place, a.Phone is { Length: > 4 } p ? new string('•', p.Length - 3) + p[^3..] : null, a.ConsentToSms, a.Language, a.Arm, a.Outcome, a.RemindersDue);

    private IActionResult Respond(Appointment a, int status) => new JsonResponse(View(a), status)
    {
        Headers = new Dictionary<string, string> { ["ETag"] = ETagOf(a) },
    };

    private static IActionResult Cancelled()
        => Problem.Conflict("appointment-cancelled", "De afspraak is geannuleerd.", "Een geannuleerde afspraak kan niet meer worden gewijzigd; maak een nieuwe afspraak.");

    private static IActionResult Changed()
        => Problem.Conflict("appointment-changed", "De afspraak is intussen gewijzigd.", "Haal de afspraak opnieuw op en probeer het nog eens.");
}
