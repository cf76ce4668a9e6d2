using System.Runtime.InteropServices;

namespace Steunpunt.Bench;

/// <summary>
/// Ctrl-C and SIGTERM while it is alive cancel <see cref="Token"/> instead of ending the process at once, so the benchmark
/// unwinds and its dedicated Azurites are stopped (a million-row node process left behind would hold gigabytes).
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration? terminate;

    public Interruption()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        terminate = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            source.Cancel();
        });
    }

    public CancellationToken Token => source.Token;
    public bool Requested => source.IsCancellationRequested;

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        source.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        terminate?.Dispose();
        source.Dispose();
    }
}
