using System.Globalization;

namespace Steunpunt.Bench.Chat;

/// <summary>
/// CPU time of the Azurite process (a separate node process, so not in the bench's own CPU figure), read from
/// <c>/proc/{pid}/stat</c>. Only on Linux: the process that listens on the table port (10002), which is the one the
/// benchmark talks to, even when other engineers' benchmarks run Azurites of their own on other ports; failing that,
/// the one process on the machine that runs Azurite's script. Otherwise <see cref="Find"/> gives null and the report
/// leaves the column out. Resolution is the kernel's clock tick (10 ms), fine over phases of seconds.
/// </summary>
public sealed class AzuriteCpu(int pid)
{
    // USER_HZ: 100 on every Linux the project runs on (sysconf(_SC_CLK_TCK)).
    private const double TicksPerSecond = 100;
    private const int TablePort = 10002;

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
        if (found.Count == 1) return new AzuriteCpu(found[0]);
        var listening = ListeningSocket(TablePort);
        if (listening is null) return null;
        foreach (var pid in found)
        {
            if (HoldsSocket(pid, listening)) return new AzuriteCpu(pid);
        }
        return null;
    }

    /// <summary>The inode of the socket listening on <paramref name="port"/>, from <c>/proc/net/tcp</c> and <c>tcp6</c>.</summary>
    private static string? ListeningSocket(int port)
    {
        var local = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            try
            {
                foreach (var line in File.ReadLines(file).Skip(1))
                {
                    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 9 && fields[1].EndsWith(local, StringComparison.Ordinal) && fields[3] == "0A") return fields[9];
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Not there (no IPv6), or not readable.
            }
        }
        return null;
    }

    private static bool HoldsSocket(int pid, string inode)
    {
        try
        {
            var target = $"socket:[{inode}]";
            foreach (var fd in Directory.EnumerateFiles($"/proc/{pid}/fd"))
            {
                if (new FileInfo(fd).LinkTarget == target) return true;
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Gone, or not ours to read.
        }
        return false;
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
