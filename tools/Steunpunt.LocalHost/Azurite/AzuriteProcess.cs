using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Steunpunt.LocalHost.Azurite;

/// <summary>Where a dedicated Azurite listens (blob, queue, table), on loopback.</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    public IReadOnlyList<int> All => [Blob, Queue, Table];

    /// <summary>
    /// A storage connection string for these ports: explicit endpoints with Azurite's development account, whose name and
    /// key are fixed and published with Azurite (it accepts no other), so nothing secret is involved.
    /// </summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteProcess.DevelopmentAccount};AccountKey={AzuriteProcess.DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{Blob}/{AzuriteProcess.DevelopmentAccount};" +
        $"QueueEndpoint=http://127.0.0.1:{Queue}/{AzuriteProcess.DevelopmentAccount};" +
        $"TableEndpoint=http://127.0.0.1:{Table}/{AzuriteProcess.DevelopmentAccount};";
}

/// <summary>
/// Starts Azurite (from the project's own node_modules) when nothing listens on its ports, and stops it again
/// when disposed. When an Azurite is already running, it is used and left alone. <see cref="StartDedicatedAsync"/>
/// starts a private one on free ports instead, for work that must not touch the shared instance.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public static readonly int[] Ports = [10000, 10001, 10002];
    public const string DevelopmentAccount = "devstoreaccount1";
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;
    private readonly AzuriteLog log;
    private int disposed;

    private AzuriteProcess(Process process, AzuriteLog log, AzuritePorts? dedicatedPorts)
    {
        this.process = process;
        this.log = log;
        DedicatedPorts = dedicatedPorts;
    }

    /// <summary>The file Azurite's own output goes to, in its data folder (see <see cref="AzuriteLog"/>).</summary>
    public const string LogFile = "azurite.log";

    /// <summary>The node process: its CPU time and memory can be read from /proc.</summary>
    public int ProcessId => process.Id;

    /// <summary>The ports of an Azurite from <see cref="StartDedicatedAsync"/>; null for the default one.</summary>
    public AzuritePorts? DedicatedPorts { get; }

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

        List<string> arguments = ["--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1"];
        if (dataFolder is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataFolder);
            arguments.AddRange(["--location", dataFolder]);
        }
        var output = new AzuriteLog(dataFolder is null ? null : Path.Combine(dataFolder, LogFile));
        var process = await StartAsync(repositoryRoot, arguments, Ports, new Dictionary<string, string>(), output, cancellationToken);
        log.WriteLine($"Azurite: started (pid {process.Id}, {(dataFolder is null ? "in memory" : "data in " + dataFolder)}).");
        return new AzuriteProcess(process, output, dedicatedPorts: null);
    }

    /// <summary>
    /// Starts an Azurite of the caller's own, in memory, on three free loopback ports (never 10000-10002, which the shared
    /// instance and the tests use). <paramref name="nodeHeapMegabytes"/> raises node's heap limit (NODE_OPTIONS
    /// --max-old-space-size) for instances that will hold millions of rows. Killed when disposed, and also when this
    /// process exits normally without disposing it (e.g. on SIGTERM), so it does not outlive its owner.
    /// </summary>
    public static async Task<AzuriteProcess> StartDedicatedAsync(string repositoryRoot, TextWriter log, int? nodeHeapMegabytes = null, CancellationToken cancellationToken = default)
    {
        var ports = FreePorts();
        List<string> arguments =
        [
            "--blobHost", "127.0.0.1", "--blobPort", $"{ports.Blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{ports.Queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{ports.Table}",
            "--inMemoryPersistence",
        ];
        Dictionary<string, string> environment = nodeHeapMegabytes is { } heap ? new() { ["NODE_OPTIONS"] = $"--max-old-space-size={heap}" } : [];
        var output = new AzuriteLog(path: null);
        var process = await StartAsync(repositoryRoot, arguments, ports.All, environment, output, cancellationToken);
        var azurite = new AzuriteProcess(process, output, ports);
        AppDomain.CurrentDomain.ProcessExit += azurite.KillOnExit;
        log.WriteLine($"Azurite: started a dedicated instance (pid {process.Id}, in memory, blob/queue/table ports {ports.Blob}/{ports.Queue}/{ports.Table}" +
            $"{(nodeHeapMegabytes is { } mb ? $", node heap limit {mb:N0} MB" : "")}).");
        return azurite;
    }

    private static async Task<Process> StartAsync(string repositoryRoot, IEnumerable<string> arguments, IReadOnlyList<int> ports, IReadOnlyDictionary<string, string> environment, AzuriteLog output, CancellationToken cancellationToken)
    {
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
        foreach (var argument in new[] { "--silent", "--skipApiVersionCheck", "--disableTelemetry" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Write(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Write(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        try
        {
            while (!ports.All(IsListening))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}: {output.Tail()}");
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Azurite did not listen on {string.Join(", ", ports)} within 60 s: {output.Tail()}");
                }
                await Task.Delay(100, cancellationToken);
            }
        }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
            output.Dispose();
            throw;
        }
        return process;
    }

    /// <summary>
    /// Three distinct free loopback ports: all three listeners are held open until each has its port, so the kernel
    /// cannot hand out one twice. Another process could still take one before Azurite binds it; the start then fails
    /// with Azurite's own message.
    /// </summary>
    private static AzuritePorts FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
            return new AzuritePorts(ports[0], ports[1], ports[2]);
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
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

    private void KillOnExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (DedicatedPorts is not null) AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        log.Dispose();
    }
}
