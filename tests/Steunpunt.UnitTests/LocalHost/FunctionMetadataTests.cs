using System.Text.Json;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Discovery;

namespace Steunpunt.UnitTests.LocalHost;

/// <summary>
/// The local host discovers functions by reflection; the Functions host reads functions.metadata, which the
/// Worker SDK writes at build time. Both must describe the same app.
/// </summary>
public class FunctionMetadataTests
{
    private static readonly IReadOnlyList<FunctionDescriptor> Discovered = FunctionDiscovery.Discover(LocalFunctionsHost.FunctionsAssembly);

    private static List<JsonElement> Metadata()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static string Describe(string name, string entryPoint, TriggerDescriptor trigger) => trigger switch
    {
        HttpTriggerDescriptor h => $"{name} {entryPoint} http {h.ParameterName} [{string.Join(',', h.Methods)}] {h.Route} {h.AuthLevel}",
        QueueTriggerDescriptor q => $"{name} {entryPoint} queue {q.ParameterName} {q.QueueName} {q.Connection}",
        TimerTriggerDescriptor t => $"{name} {entryPoint} timer {t.ParameterName} {t.Schedule} {t.RunOnStartup}",
        _ => name,
    };

    private static string DescribeMetadata(JsonElement function)
    {
        var name = function.GetProperty("name").GetString()!;
        var entryPoint = function.GetProperty("entryPoint").GetString()!;
        var binding = function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In");
        string? Text(string property) => binding.TryGetProperty(property, out var value) ? value.ToString() : null;
        var parameter = Text("name")!;
        TriggerDescriptor trigger = Text("type") switch
        {
            "httpTrigger" => new HttpTriggerDescriptor(parameter,
                binding.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).ToList() : [],
                Text("route") ?? name, Text("authLevel")!),
            "queueTrigger" => new QueueTriggerDescriptor(parameter, Text("queueName")!, Text("connection")),
            "timerTrigger" => new TimerTriggerDescriptor(parameter, Text("schedule")!, bool.TryParse(Text("runOnStartup"), out var r) && r, true),
            var other => throw new InvalidOperationException($"{name}: trigger type {other} is not one the local host runs."),
        };
        return Describe(name, entryPoint, trigger);
    }

    [Fact]
    public void Local_host_discovers_exactly_what_functions_metadata_declares()
    {
        var local = Discovered.Select(f => Describe(f.Name, $"{f.Type.FullName}.{f.Method.Name}", f.Trigger)).Order().ToList();
        var declared = Metadata().Select(DescribeMetadata).Order().ToList();
        Assert.Equal(declared, local);
    }

    [Fact]
    public void Every_kind_of_trigger_is_covered()
        => Assert.Equal(["httpTrigger", "queueTrigger", "timerTrigger"], Discovered.Select(f => f.Trigger.Kind).Distinct().Order());

    [Fact]
    public void A_function_taking_FunctionContext_is_refused_with_the_reason()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FunctionDiscovery.Discover(typeof(Probes.ContextProbe).Assembly));
        Assert.Contains("FunctionContext", error.Message);
    }
}
