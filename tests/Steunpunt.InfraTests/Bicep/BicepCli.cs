using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Steunpunt.InfraTests.Bicep;

public sealed record BicepRun(string Command, int ExitCode, string Output)
{
    /// <summary>Diagnostics in the CLI's default format: <c>path(line,col) : Warning code: message</c>.</summary>
    public IReadOnlyList<BicepDiagnostic> Diagnostics => BicepDiagnostic.Parse(Output);
}

public sealed partial record BicepDiagnostic(string File, string Level, string Code, string Message)
{
    public static IReadOnlyList<BicepDiagnostic> Parse(string output)
        => Line().Matches(output)
            .Select(match => new BicepDiagnostic(match.Groups["file"].Value, match.Groups["level"].Value, match.Groups["code"].Value, match.Groups["message"].Value.Trim()))
            .Distinct()
            .ToList();

    public override string ToString() => $"{Path.GetFileName(File)}: {Level} {Code}: {Message}";

    [GeneratedRegex(@"^(?<file>.+?)\(\d+,\d+\) : (?<level>Error|Warning|Info) (?<code>[A-Za-z0-9-]+): (?<message>.*)$", RegexOptions.Multiline)]
    private static partial Regex Line();
}

/// <summary>The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64: offline, no Azure CLI needed.</summary>
public static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string ExecutablePath { get; } = FindExecutable();

    public static async Task<BicepRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The parameter files read the azd environment; nothing from the machine running the tests may leak in.
        foreach (var name in BicepEnvironment.Names) start.Environment.Remove(name);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) start.Environment[name] = value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }
        return new BicepRun($"bicep {string.Join(' ', arguments)}", process.ExitCode, await stdout + await stderr);
    }

    private static string FindExecutable()
    {
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value;
        if (string.IsNullOrEmpty(path)) throw new InvalidOperationException("BicepPath is empty: is the package Azure.Bicep.CommandLine.linux-x64 restored?");
        // The package's props file writes the path with Windows separators.
        path = path.Replace('\\', Path.DirectorySeparatorChar);
        if (!File.Exists(path)) throw new FileNotFoundException("The Bicep CLI is not where its package says.", path);
        // The package ships it as rwxr--r--: executable for the owner of the NuGet cache only.
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(path);
            if ((mode & executable) != executable)
            {
                try { File.SetUnixFileMode(path, mode | executable); }
                catch (UnauthorizedAccessException) { /* not ours to change; running it tells whether we may */ }
            }
        }
        return path;
    }
}
