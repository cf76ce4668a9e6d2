using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Steunpunt.UnitTests.Common.Http;

/// <summary>
/// A FunctionContext as the worker's ASP.NET Core integration leaves it: the HttpContext under the item key that
/// <c>GetHttpContext()</c> reads ("HttpRequestContext").
/// </summary>
internal sealed class HttpFunctionContext(string name, HttpContext? http) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();
    public override string FunctionId { get; } = name;
    public override TraceContext TraceContext => throw new NotSupportedException();
    public override BindingContext BindingContext => throw new NotSupportedException();
    public override RetryContext RetryContext => throw new NotSupportedException();
    public override IServiceProvider InstanceServices { get; set; } = null!;
    public override FunctionDefinition FunctionDefinition { get; } = new HttpFunctionDefinition(name);
    public override IDictionary<object, object> Items { get; set; } = http is null ? new Dictionary<object, object>() : new Dictionary<object, object> { ["HttpRequestContext"] = http };
    public override IInvocationFeatures Features => throw new NotSupportedException();
}

internal sealed class HttpFunctionDefinition(string name) : FunctionDefinition
{
    public override ImmutableArray<FunctionParameter> Parameters => [];
    public override string PathToAssembly => "";
    public override string EntryPoint => name;
    public override string Id => name;
    public override string Name => name;
    public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
}
