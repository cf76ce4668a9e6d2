using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Steunpunt.Reminders;

public static class ExperimentArm
{
    public const string Reminder = "reminder";
    public const string Control = "control";
}

/// <summary>
/// Assigns an appointment to the reminder or control arm: HMAC-SHA256 of its id keyed with the seed setting, read as a
/// number in [0, 1). Random over appointments, yet the same id and seed always give the same arm (reproducible).
/// </summary>
public static class ExperimentArms
{
    public static string Assign(string appointmentId, string seed, double reminderShare)
        => Draw(appointmentId, seed) < reminderShare ? ExperimentArm.Reminder : ExperimentArm.Control;

    public static double Draw(string appointmentId, string seed)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(seed), Encoding.UTF8.GetBytes(appointmentId));
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
