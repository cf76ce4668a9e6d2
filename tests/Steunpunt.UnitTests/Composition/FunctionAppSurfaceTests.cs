using System.Text.Json;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.LocalHost.Emulators.SignalR;

namespace Steunpunt.UnitTests.Composition;

/// <summary>
/// What ships to Azure is what the Functions host reads from functions.metadata (written by the Worker SDK at build
/// time). The dev pages, the admin endpoints and the emulators live in the local host only; this proves none of them
/// is a function of the app, and that the one webhook keeps its function key.
/// </summary>
public class FunctionAppSurfaceTests
{
    private sealed record HttpFunction(string Name, string Route, string AuthLevel);

    private static List<HttpFunction> HttpFunctions()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        return document.RootElement.EnumerateArray()
            .Select(function => (Name: function.GetProperty("name").GetString()!,
                Trigger: function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In")))
            .Where(f => f.Trigger.GetProperty("type").GetString() == "httpTrigger")
            .Select(f => new HttpFunction(f.Name,
                f.Trigger.TryGetProperty("route", out var route) ? route.GetString()! : f.Name,
                f.Trigger.GetProperty("authLevel").GetString()!))
            .ToList();
    }

    /// <summary>Paths the local host serves outside the functions: its dev pages, admin endpoints and emulators.</summary>
    private static readonly string[] LocalOnlyPrefixes =
    [
        "dev/", "admin/", "emulators/",
        CommunicationServicesEmulator.BasePath.TrimStart('/') + "/",
        SignalREmulator.BasePath.TrimStart('/') + "/",
    ];

    [Fact]
    public void The_app_has_http_functions_to_check()
        => Assert.Contains(HttpFunctions(), f => f.Route == "mail-intake");

    [Fact]
    public void No_function_route_is_a_dev_admin_or_emulator_path()
    {
        var localOnly = HttpFunctions()
            .Where(f => LocalOnlyPrefixes.Any(prefix => (f.Route.TrimStart('/') + "/").StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Select(f => $"{f.Name} {f.Route}");
        Assert.Empty(localOnly);
    }

    [Fact]
    public void The_functions_assembly_does_not_reference_the_local_host()
        => Assert.DoesNotContain(LocalFunctionsHost.FunctionsAssembly.GetReferencedAssemblies(),
            reference => reference.Name == typeof(LocalFunctionsHost).Assembly.GetName().Name);

    [Fact]
    public void The_event_grid_webhook_keeps_its_function_key_and_every_other_endpoint_is_anonymous_by_intent()
    {
        // Staff endpoints are anonymous at the platform level on purpose: they check the Entra ID bearer token themselves.
        var functions = HttpFunctions();
        Assert.Equal("function", functions.Single(f => f.Route == "events/communication").AuthLevel, ignoreCase: true);
        Assert.Empty(functions.Where(f => f.Route != "events/communication" && !f.AuthLevel.Equals("anonymous", StringComparison.OrdinalIgnoreCase))
            .Select(f => $"{f.Name} {f.Route} {f.AuthLevel}"));
    }
}
