using System.Globalization;

namespace Steunpunt.Bench.Reminders;

/// <summary>Resident memory of a process (now and its peak), from <c>/proc/{pid}/status</c>; null where that cannot be read (not Linux, gone).</summary>
public static class ProcessMemory
{
    public readonly record struct Resident(long CurrentKb, long PeakKb)
    {
        public double CurrentMb => CurrentKb / 1024.0;
        public double PeakMb => PeakKb / 1024.0;
    }

    public static Resident? Read(int pid)
    {
        try
        {
            long? current = null, peak = null;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                // "VmRSS:    123456 kB" (resident now), "VmHWM:    234567 kB" (resident at its highest)
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) current = Kilobytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line);
            }
            return current is { } c && peak is { } p ? new Resident(c, p) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line)
        => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
