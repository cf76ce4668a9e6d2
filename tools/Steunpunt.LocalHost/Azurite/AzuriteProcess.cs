using System.Diagnostics;
using System.Net.Sockets;

namespace Steunpunt.LocalHost.Azurite;

/// <summary>
/// Starts Azurite (from the project's own node_modules) when nothing listens on its ports, and stops it again
/// when disposed. When an Azurite is already running, it is used and left alone.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public static readonly int[] Ports = [10000, 10001, 10002];
    private readonly Process process;

    private AzuriteProcess(Process process) => this.process = process;

    /// <returns>The started process, or null when Azurite was already listening.</returns>
    public static async Task<AzuriteProcess?> EnsureRunningAsync(string repositoryRoot, string? dataFolder, TextWriter log, CancellationToken cancellationToken = default)
    {
        var listening = Ports.Where(IsListening).ToList();
        if (listening.Count == Ports.Length)
        {
            log.WriteLine("Azurite: already running on ports 10000-10002; using it.");
            return null;
        }
        if (listening.Count > 0)
        {
            throw new InvalidOperationException(
                $"Port(s) {string.Join(", ", listening)} are in use but not all of 10000-10002: stop whatever holds them, or start Azurite on all three.");
        }

        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing): run 'npm ci' in {repositoryRoot}.");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in new[] { "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1" })
        {
            start.ArgumentList.Add(argument);
        }
        if (dataFolder is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(dataFolder);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Ports.All(IsListening))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}: {string.Join(Environment.NewLine, output)}");
            }
            if (DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Azurite did not listen on 10000-10002 within 60 s: {string.Join(Environment.NewLine, output)}");
            }
            await Task.Delay(100, cancellationToken);
        }
        log.WriteLine($"Azurite: started (pid {process.Id}, {(dataFolder is null ? "in memory" : "data in " + dataFolder)}).");
        return new AzuriteProcess(process);
    }

    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
