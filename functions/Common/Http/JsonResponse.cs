using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Steunpunt.Common.Json;

namespace Steunpunt.Common.Http;

/// <summary>
/// Writes a JSON body with our own serializer settings. It needs no MVC formatters or the host's JSON options, so it writes
/// the same bytes in the Functions host's ASP.NET Core integration and in the local host, as an <see cref="IResult"/> or
/// an <see cref="IActionResult"/>.
/// </summary>
public sealed class JsonResponse(object? value, int statusCode = StatusCodes.Status200OK, string contentType = "application/json")
    : IResult, IActionResult, IStatusCodeHttpResult, IValueHttpResult, IContentTypeHttpResult
{
    public object? Value { get; } = value;
    public int StatusCode { get; } = statusCode;
    public string ContentType { get; } = contentType;
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;
    string? IContentTypeHttpResult.ContentType => ContentType;

    public Task ExecuteResultAsync(ActionContext context) => WriteAsync(context.HttpContext);

    public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext);

    public Task WriteAsync(HttpContext httpContext) => Write(httpContext, Value, StatusCode, ContentType, Headers);

    /// <summary>The one way a JSON answer is written, typed or not: the value's own type is serialized, as before.</summary>
    internal static async Task Write(HttpContext httpContext, object? value, int statusCode, string contentType, IReadOnlyDictionary<string, string>? headers)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = contentType + "; charset=utf-8";
        if (headers is not null)
        {
            foreach (var (name, headerValue) in headers) response.Headers[name] = headerValue;
        }
        if (value is null) return;
        await JsonSerializer.SerializeAsync(response.Body, value, value.GetType(), JsonDefaults.Web, httpContext.RequestAborted);
    }
}

/// <summary>
/// A JSON answer whose type names what it carries, for a handler's <c>Results&lt;…&gt;</c>: a test reads
/// <see cref="Value"/> as <typeparamref name="T"/> without casting. Written exactly as <see cref="JsonResponse"/>.
/// </summary>
public sealed class JsonResponse<T>(T value, int statusCode = StatusCodes.Status200OK)
    : IResult, IActionResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
{
    public T Value { get; } = value;
    public int StatusCode { get; } = statusCode;
    public string ContentType => "application/json";
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    object? IValueHttpResult.Value => Value;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;
    string? IContentTypeHttpResult.ContentType => ContentType;

    public Task ExecuteAsync(HttpContext httpContext) => JsonResponse.Write(httpContext, Value, StatusCode, ContentType, Headers);

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}
