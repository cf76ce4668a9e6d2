using Steunpunt.LocalHost.Azurite;

namespace Steunpunt.UnitTests.LocalHost;

public sealed class AzuriteLogTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("azurite-log-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_log_file_is_rotated_at_its_cap_so_it_never_grows_past_two_files()
    {
        var path = Path.Combine(folder, AzuriteProcess.LogFile);
        var line = new string('x', 1000);
        using (var log = new AzuriteLog(path))
        {
            for (var i = 0; i < 3000; i++) log.Write($"{i:D4} {line}");
            Assert.EndsWith($"2999 {line}", log.Tail());
        }

        Assert.InRange(new FileInfo(path).Length, 1, AzuriteLog.MaxFileBytes);
        Assert.InRange(new FileInfo(path + ".1").Length, AzuriteLog.MaxFileBytes, AzuriteLog.MaxFileBytes + 2000);
        Assert.Equal(2, Directory.GetFiles(folder).Length);
        Assert.EndsWith($"2999 {line}", File.ReadAllLines(path)[^1]);
    }
}
