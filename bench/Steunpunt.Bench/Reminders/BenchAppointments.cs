using System.Buffers.Binary;
using System.Globalization;
using Steunpunt.Reminders;
using Steunpunt.Reminders.Appointments;
using Steunpunt.Reminders.Sending;

namespace Steunpunt.Bench.Reminders;

/// <summary>
/// The moment every sweep of the benchmark runs at (a fake clock), and the watermarks it can find: the previous sweep's
/// moment, 90 minutes back (the timer runs every five minutes; a few missed runs give the sweep two hour buckets to read
/// and the same due count in both configurations).
/// </summary>
public static class SweepScenario
{
    /// <summary>Wednesday 2 December 2026, 12:30 in Amsterdam (11:30 UTC): outside the quiet hours, weeks from a DST change.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 2, 11, 30, 0, TimeSpan.Zero);

    public static readonly TimeSpan TimerInterval = TimeSpan.FromMinutes(5);

    /// <summary>The previous sweep's moment (<see cref="ReminderSweep"/> reads what became due after it).</summary>
    public static DateTimeOffset SteadyWatermark => ReminderSchedule.HourOf(Now - TimerInterval).AddHours(-1);

    /// <summary>A watermark far behind, as after a long outage: the sweep ignores it and reads every hour back to its longest lead time.</summary>
    public static DateTimeOffset OutageWatermark => Now.AddDays(-30);
}

/// <summary>An appointment as the app would have stored it, with the reminders the app planned for it.</summary>
public sealed record SeedAppointment(long Index, Appointment Appointment, IReadOnlyList<PlannedReminder> Plan);

/// <summary>One reminder row to seed, small enough to sort a million of: the appointment by index, the lead and the due time.</summary>
public readonly record struct ScheduleRow(long Index, int LeadMinutes, DateTimeOffset DueAt, bool AlreadySent);

/// <summary>
/// The appointments of one configuration, generated the way <c>StaffAppointments.CreateAsync</c> makes them (same arm draw,
/// same planner, same entity shapes) but deterministically, so every run stores the same rows:
/// <list type="bullet">
/// <item><b>Due</b>: <c>due</c> appointments in the reminder arm whose shortest-lead reminder falls in the hours a steady sweep
/// reads, spread evenly between the previous sweep's watermark and now (so exactly that many are due). Their longer-lead
/// reminders were due yesterday and are stored as sent, as the app would have left them.</item>
/// <item><b>Future</b>: <c>future</c> appointments from two days ahead to a year ahead (created a day ago), office hours
/// 09:00-17:00 local; about half fall in the control arm and have no reminder rows, as with the default
/// <c>Reminders:ReminderShare</c> of 0.5.</item>
/// </list>
/// Ids are 32 lower-case hex digits shaped like a version-7 GUID whose time part is the appointment's index, so they are
/// well-formed ids (<c>EntityIds.IsWellFormed</c>) that sort in the order they are generated: Azurite keeps sorted key indices,
/// and inserting in key order keeps each insert at the end of them (random GUIDs would move half an index per insert).
/// </summary>
public sealed class BenchAppointments
{
    /// <summary>Future appointments are spread over this many days, starting two days ahead.</summary>
    public const int FutureDays = 362;

    private static readonly DateTimeOffset IdEpoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Places = ["Stationsplein 1, Utrecht", "Oudegracht 12, Utrecht", "Marktplein 3, Zeist"];

    private readonly ReminderOptions settings;
    private readonly ReminderPlanner planner;
    private readonly long firstFutureIndex;

    public BenchAppointments(ReminderOptions settings, TimeZoneInfo zone, int due, int future)
    {
        this.settings = settings;
        planner = ReminderPlanner.From(settings, zone);
        FutureCount = future;
        Due = DueAppointments(due);
        firstFutureIndex = Due.Count == 0 ? 0 : Due[^1].Index + 1;
    }

    public int FutureCount { get; }

    /// <summary>The app's planner for these settings (time zone, quiet hours).</summary>
    public ReminderPlanner Planner => planner;

    public IReadOnlyList<SeedAppointment> Due { get; }

    /// <summary>The reminder rows the sweep must queue, as the messages it puts on <c>sms-reminders</c>.</summary>
    public IReadOnlyList<ReminderMessage> ExpectedMessages => Due.Select(d =>
    {
        var reminder = d.Plan[^1];
        var lead = (int)reminder.Lead.TotalMinutes;
        return new ReminderMessage(ReminderMessage.CurrentSchemaVersion, d.Appointment.Id, d.Appointment.Version, lead, reminder.DueAt,
            ReminderSchedule.Bucket(reminder.DueAt), ReminderSchedule.RowKeyOf(d.Appointment.Id, d.Appointment.Version, lead));
    }).ToList();

    /// <summary>Every appointment in id order: the due ones (earliest start), then the future ones by start time.</summary>
    public IEnumerable<SeedAppointment> All() => Due.Concat(Enumerable.Range(0, FutureCount).Select(FutureAppointment));

    /// <summary>Every reminder row in (partition, row key) order: due hour, then appointment id, then lead as text.</summary>
    public List<ScheduleRow> ScheduleRows()
    {
        var dueIndices = Due.Select(d => d.Index).ToHashSet();
        var rows = new List<ScheduleRow>();
        foreach (var appointment in All())
        {
            foreach (var reminder in appointment.Plan)
            {
                var sent = dueIndices.Contains(appointment.Index) && reminder.DueAt < SweepScenario.SteadyWatermark;
                rows.Add(new ScheduleRow(appointment.Index, (int)reminder.Lead.TotalMinutes, reminder.DueAt, sent));
            }
        }
        rows.Sort((a, b) =>
        {
            var byHour = ReminderSchedule.HourOf(a.DueAt).CompareTo(ReminderSchedule.HourOf(b.DueAt));
            if (byHour != 0) return byHour;
            var byId = a.Index.CompareTo(b.Index);
            return byId != 0 ? byId : string.CompareOrdinal(a.LeadMinutes.ToString(CultureInfo.InvariantCulture), b.LeadMinutes.ToString(CultureInfo.InvariantCulture));
        });
        return rows;
    }

    /// <summary>
    /// A version-7-shaped GUID in "N" form: 48 bits of "milliseconds" (the epoch plus the index), the version and variant bits,
    /// and 74 bits from a SplitMix64 stream seeded with the index, so the same index always gives the same id.
    /// </summary>
    public static string Id(long index)
    {
        Span<byte> bytes = stackalloc byte[16];
        var milliseconds = IdEpoch.ToUnixTimeMilliseconds() + index;
        BinaryPrimitives.WriteInt64BigEndian(bytes[..8], (milliseconds << 16) | (long)(SplitMix64((ulong)index) & 0x0fff) | 0x7000);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], (SplitMix64((ulong)index ^ 0x9e3779b97f4a7c15UL) & 0x3fffffffffffffffUL) | 0x8000000000000000UL);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Made-up Dutch mobile numbers in the range the integration tests use (+31 61 and seven digits); never real people, never logged.</summary>
    public static string Phone(long index) => "+3161" + (1_000_000 + index % 9_000_000).ToString(CultureInfo.InvariantCulture);

    private List<SeedAppointment> DueAppointments(int count)
    {
        var leads = settings.Leads;
        var shortest = leads.Min();
        var windowStart = SweepScenario.SteadyWatermark;
        var window = SweepScenario.Now - windowStart;
        var createdAt = SweepScenario.Now.AddDays(-2);
        var due = new List<SeedAppointment>(count);
        for (long index = 0; due.Count < count; index++)
        {
            var id = Id(index);
            // An appointment in the control arm gets no reminders, so it cannot be one of the due ones; it is left out.
            if (ExperimentArms.Assign(id, settings.ExperimentSeed, settings.ReminderShare) != ExperimentArm.Reminder) continue;
            var dueAt = windowStart + TimeSpan.FromSeconds(Math.Floor((due.Count + 0.5) * window.TotalSeconds / count));
            var appointment = NewAppointment(index, id, dueAt + shortest, createdAt, ExperimentArm.Reminder);
            var plan = planner.Plan(appointment.StartsAt, leads, createdAt);
            appointment.RemindersDue = plan.Select(p => p.DueAt).ToList();
            // The sweep must find exactly this one reminder due: the shortest lead, at its own time; the longer leads before the window.
            if (plan.Count == 0 || plan[^1].Lead != shortest || plan[^1].DueAt != dueAt || plan.Take(plan.Count - 1).Any(p => p.DueAt >= windowStart))
            {
                throw new InvalidOperationException($"The benchmark's scenario does not fit the reminder settings (lead times {string.Join(", ", leads)}, quiet hours): " +
                    $"an appointment at {appointment.StartsAt:O} would not have exactly one reminder due between {windowStart:O} and {SweepScenario.Now:O}.");
            }
            due.Add(new SeedAppointment(index, appointment, plan));
        }
        return due;
    }

    private SeedAppointment FutureAppointment(int i)
    {
        var index = firstFutureIndex + i;
        var id = Id(index);
        var perDay = (FutureCount + FutureDays - 1) / FutureDays;
        var firstDay = planner.LocalDay(SweepScenario.Now).AddDays(2);
        var startOfDay = new TimeOnly(9, 0).ToTimeSpan() + TimeSpan.FromSeconds((long)(i % perDay) * 8 * 3600 / perDay);
        var start = planner.Instant(firstDay.AddDays(i / perDay), TimeOnly.FromTimeSpan(startOfDay));
        var createdAt = SweepScenario.Now.AddDays(-1);
        var arm = ExperimentArms.Assign(id, settings.ExperimentSeed, settings.ReminderShare);
        var appointment = NewAppointment(index, id, start, createdAt, arm);
        IReadOnlyList<PlannedReminder> plan = arm == ExperimentArm.Reminder ? planner.Plan(start, settings.Leads, createdAt) : [];
        appointment.RemindersDue = plan.Select(p => p.DueAt).ToList();
        return new SeedAppointment(index, appointment, plan);
    }

    private static Appointment NewAppointment(long index, string id, DateTimeOffset start, DateTimeOffset createdAt, string arm)
    {
        var kind = AppointmentKinds.All[(int)(index % AppointmentKinds.All.Count)];
        return new Appointment
        {
            Id = id,
            Version = 1,
            Status = AppointmentStatus.Scheduled,
            StartsAt = start,
            Kind = kind,
            Place = kind == AppointmentKinds.Office ? Places[(int)(index % Places.Length)] : null,
            Phone = Phone(index),
            ConsentToSms = true,
            Language = index % 5 == 0 ? "en" : "nl",
            Arm = arm,
            CreatedAt = createdAt,
        };
    }

    private static ulong SplitMix64(ulong seed)
    {
        var z = seed + 0x9e3779b97f4a7c15UL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9UL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebUL;
        return z ^ (z >> 31);
    }
}
