namespace Steunpunt.LocalHost.Azurite;

/// <summary>
/// Azurite's own output: the last lines in memory (for the error when it does not start), and with a data folder also a
/// file there (<c>azurite.log</c>) that is moved to <c>azurite.log.1</c> once it reaches <see cref="MaxFileBytes"/>, so a
/// long-running Azurite never fills the disk or the memory.
/// </summary>
public sealed class AzuriteLog(string? path) : IDisposable
{
    public const long MaxFileBytes = 1024 * 1024;
    private const int TailLines = 50;

    private readonly Queue<string> tail = new();
    private readonly object gate = new();
    private StreamWriter? file;

    public void Write(string line)
    {
        lock (gate)
        {
            tail.Enqueue(line);
            if (tail.Count > TailLines) tail.Dequeue();
            if (path is null) return;
            file ??= new StreamWriter(path, append: true) { AutoFlush = true };
            file.WriteLine(line);
            if (file.BaseStream.Length < MaxFileBytes) return;
            file.Dispose();
            File.Move(path, path + ".1", overwrite: true);
            file = null;
        }
    }

    public string Tail()
    {
        lock (gate) return string.Join(Environment.NewLine, tail);
    }

    public void Dispose()
    {
        lock (gate) file?.Dispose();
    }
}
