using System.Globalization;

namespace Steunpunt.Bench.Chat;

/// <summary>
/// CPU time of the Azurite process (a separate node process, so not in the bench's own CPU figure), read from
/// <c>/proc/{pid}/stat</c>. Only on Linux, and only when exactly one process on the machine runs Azurite's script;
/// otherwise <see cref="Find"/> gives null and the report leaves the column out. Resolution is the kernel's clock
/// tick (10 ms), fine over phases of seconds.
/// </summary>
public sealed class AzuriteCpu(int pid)
{
    // USER_HZ: 100 on every Linux the project runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;

    public int Pid { get; } = pid;

    public static AzuriteCpu? Find()
    {
        if (!OperatingSystem.IsLinux()) return null;
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains("azurite", StringComparison.OrdinalIgnoreCase) && commandLine.Contains("node", StringComparison.Ordinal)) found.Add(pid);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }
        return found.Count == 1 ? new AzuriteCpu(found[0]) : null;
    }

    /// <summary>User plus system time so far; null when the process is gone.</summary>
    public TimeSpan? Total()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 (utime, stime) are the 12th and 13th after the name.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
