using System.Text.Json;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Discovery;
using Steunpunt.OpenApi;

namespace Steunpunt.UnitTests.OpenApi;

/// <summary>The OpenAPI document is written by hand for widget developers; this keeps it true to the discovered routes.</summary>
public class OpenApiDocumentTests
{
    private static readonly JsonElement Document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, GetOpenApiDocument.FileName))).RootElement;

    [Fact]
    public void Documents_exactly_the_http_functions()
    {
        var discovered = FunctionDiscovery.Discover(LocalFunctionsHost.FunctionsAssembly)
            .Where(f => f.Trigger is HttpTriggerDescriptor)
            .SelectMany(f => ((HttpTriggerDescriptor)f.Trigger).Methods.Select(m => $"{m} /api/{((HttpTriggerDescriptor)f.Trigger).Route} {f.Name}"))
            .Order().ToList();
        var documented = Document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(op => op.Name is "get" or "post" or "put" or "patch" or "delete" or "options")
                .Select(op => $"{op.Name} {path.Name} {FunctionOf(op.Value)}"))
            .Order().ToList();
        Assert.Equal(discovered, documented);
    }

    /// <summary>Operation ids are unique, so a second method of one function names its function in <c>x-function</c>.</summary>
    private static string? FunctionOf(JsonElement operation)
        => (operation.TryGetProperty("x-function", out var function) ? function : operation.GetProperty("operationId")).GetString();

    [Fact]
    public void Staff_operations_declare_the_bearer_scheme()
    {
        var insights = Document.GetProperty("paths").GetProperty("/api/insights/selftests").GetProperty("get");
        Assert.Contains("staffBearer", insights.GetProperty("security").ToString());
        Assert.True(insights.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(insights.GetProperty("responses").TryGetProperty("403", out _));
    }
}
