using System.Reflection;
using System.Text.Json.Nodes;

namespace Steunpunt.InfraTests.Bicep;

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraBuild>
{
    public const string Name = "infra";
}

/// <summary>
/// Runs the Bicep CLI once for all infra tests, on copies of infra/ (build and snapshot write files next to their
/// inputs), four processes side by side: lint of every .bicep and .bicepparam (next to a probe module that breaks the
/// error-level rules), build of every .bicep, and two snapshots: main.dev.bicepparam as a first deployment, and
/// main.bicepparam as azd runs it for production once the code is deployed.
/// </summary>
public sealed class InfraBuild : IAsyncLifetime
{
    public static string RepositoryRoot { get; } = typeof(InfraBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
    public static string InfraDirectory { get; } = Path.Combine(RepositoryRoot, "infra");

    /// <summary>The staff tenant in the <see cref="Prod"/> snapshot, other than the deployment's.</summary>
    public const string OtherStaffTenantId = "2a4c6e8f-1b3d-4f5a-8c7e-9d0b2f4a6c77";

    /// <summary>The SMS sender bought for the <see cref="Prod"/> snapshot.</summary>
    public const string SmsSenderNumber = "+31970102030405";

    private DirectoryInfo? workspace;

    /// <summary>Lint of infra/ plus a module that breaks the error-level rules, which proves they are on.</summary>
    public BicepRun Lint { get; private set; } = null!;
    public BicepRun Build { get; private set; } = null!;

    /// <summary>The .bicep files of infra/, relative, and the ones the build compiled.</summary>
    public IReadOnlyList<string> TemplateFiles { get; private set; } = [];
    public IReadOnlyList<string> CompiledFiles { get; private set; } = [];
    public IReadOnlyList<BicepRun> SnapshotRuns { get; private set; } = [];

    /// <summary>main.bicep compiled to ARM JSON, modules nested as deployments.</summary>
    public JsonObject CompiledMain { get; private set; } = null!;

    /// <summary>main.dev.bicepparam as a first deployment: no SMS number bought, no event subscription yet.</summary>
    public Snapshot Dev { get; private set; } = null!;

    /// <summary>
    /// main.bicepparam as azd runs it for production after the code is deployed: STEUNPUNT_STAGE=prod, the SMS
    /// event subscription on, an SMS number bought, staff signing in from another tenant than the deployment's.
    /// </summary>
    public Snapshot Prod { get; private set; } = null!;

    public IEnumerable<Snapshot> All => [Dev, Prod];

    public async Task InitializeAsync()
    {
        workspace = Directory.CreateTempSubdirectory("steunpunt-infra-");
        var buildCopy = Copy(InfraDirectory, Path.Combine(workspace.FullName, "build"));
        var readCopy = Copy(InfraDirectory, Path.Combine(workspace.FullName, "read"));
        await File.WriteAllTextAsync(Path.Combine(readCopy, "modules", LinterProbe.FileName), LinterProbe.Template);

        var dev = BicepEnvironment.Base();
        var prod = BicepEnvironment.Base();
        prod["STEUNPUNT_STAGE"] = "prod";
        prod["DEPLOY_EVENT_SUBSCRIPTIONS"] = "true";
        prod["SMS_SENDER_NUMBER"] = SmsSenderNumber;
        prod["STAFF_TENANT_ID"] = OtherStaffTenantId;

        var lint = BicepCli.RunAsync(readCopy, dev, "lint", "--pattern", "**/*.bicep*");
        var build = BicepCli.RunAsync(buildCopy, null, "build", "--pattern", "**/*.bicep");
        var snapshots = new[]
        {
            SnapshotAsync(readCopy, "main.dev.bicepparam", dev),
            SnapshotAsync(readCopy, "main.bicepparam", prod),
        };
        await Task.WhenAll(snapshots.Select(task => (Task)task).Append(lint).Append(build));

        Lint = await lint;
        Build = await build;
        TemplateFiles = RelativeFiles(InfraDirectory, "*.bicep");
        CompiledFiles = RelativeFiles(buildCopy, "*.json").Where(file => IsGenerated(Path.Combine(buildCopy, file)))
            .Select(file => Path.ChangeExtension(file, ".bicep")).ToList();
        SnapshotRuns = snapshots.Select(task => task.Result.Run).ToList();
        var compiled = Path.Combine(buildCopy, "main.json");
        CompiledMain = File.Exists(compiled) ? JsonNode.Parse(await File.ReadAllTextAsync(compiled))!.AsObject() : new JsonObject();
        Dev = snapshots[0].Result.Snapshot;
        Prod = snapshots[1].Result.Snapshot;
    }

    public Task DisposeAsync()
    {
        workspace?.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<(BicepRun Run, Snapshot Snapshot)> SnapshotAsync(string directory, string parameterFile, IReadOnlyDictionary<string, string?> environment)
    {
        var run = await BicepCli.RunAsync(directory, environment, "snapshot", parameterFile,
            "--subscription-id", BicepEnvironment.SubscriptionId, "--tenant-id", BicepEnvironment.TenantId, "--location", BicepEnvironment.Location);
        var output = Path.Combine(directory, Path.GetFileNameWithoutExtension(parameterFile) + ".snapshot.json");
        var json = File.Exists(output)
            ? JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject()
            : new JsonObject { ["predictedResources"] = new JsonArray(), ["outputs"] = new JsonObject(), ["diagnostics"] = new JsonArray() };
        return (run, new Snapshot(parameterFile, json));
    }

    private static List<string> RelativeFiles(string directory, string pattern)
        => Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories).Select(file => Path.GetRelativePath(directory, file)).Order().ToList();

    /// <summary>ARM JSON built from a .bicep next to it, or a snapshot: left in infra/ by hand-run commands.</summary>
    private static bool IsGenerated(string file)
        => file.EndsWith(".snapshot.json", StringComparison.Ordinal)
            || (file.EndsWith(".json", StringComparison.Ordinal) && File.Exists(Path.ChangeExtension(file, ".bicep")));

    private static string Copy(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Where(file => !IsGenerated(file)))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
