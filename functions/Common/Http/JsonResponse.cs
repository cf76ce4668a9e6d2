using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Steunpunt.Common.Json;

namespace Steunpunt.Common.Http;

/// <summary>
/// Writes a JSON body with our own serializer settings. It needs no MVC formatters, so it behaves the same
/// in the Functions host's ASP.NET Core integration and in the local host.
/// </summary>
public sealed class JsonResponse(object? value, int statusCode = StatusCodes.Status200OK, string contentType = "application/json") : IActionResult
{
    public object? Value { get; } = value;
    public int StatusCode { get; } = statusCode;
    public string ContentType { get; } = contentType;
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext);

    public async Task WriteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType + "; charset=utf-8";
        if (Headers is not null)
        {
            foreach (var (name, headerValue) in Headers) response.Headers[name] = headerValue;
        }
        if (Value is null) return;
        await JsonSerializer.SerializeAsync(response.Body, Value, Value.GetType(), JsonDefaults.Web, httpContext.RequestAborted);
    }
}
