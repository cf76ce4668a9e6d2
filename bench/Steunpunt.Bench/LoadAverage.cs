namespace Steunpunt.Bench;

public static class LoadAverage
{
    /// <summary>The one-minute load average, or "?" where /proc/loadavg cannot be read.</summary>
    public static string Read()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
