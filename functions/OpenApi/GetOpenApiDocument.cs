using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Common.Http;

namespace Steunpunt.OpenApi;

/// <summary>The OpenAPI document for widget developers; a test keeps it in step with the discovered routes.</summary>
public sealed class GetOpenApiDocument
{
    public const string FileName = "OpenApi/openapi.json";
    private static readonly Lazy<byte[]> Document = new(() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, FileName)));

    [Function(nameof(GetOpenApiDocument))]
    public BytesResponse Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
        => new BytesResponse(Document.Value, "application/json; charset=utf-8");
}
