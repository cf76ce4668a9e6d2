using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Steunpunt.Common.Http;

/// <summary>
/// An RFC 7807 answer, built only by <see cref="Problem"/>: <c>application/problem+json</c>, our serializer settings, and the
/// headers a problem needs (<c>Retry-After</c>, <c>WWW-Authenticate</c>).
/// </summary>
public sealed class ProblemResult : IResult, IActionResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemBody>, IContentTypeHttpResult
{
    internal ProblemResult(ProblemBody value, IReadOnlyDictionary<string, string>? headers = null)
    {
        Value = value;
        Headers = headers;
    }

    public ProblemBody Value { get; }
    public int StatusCode => Value.Status;
    public string ContentType => Problem.ContentType;
    public IReadOnlyDictionary<string, string>? Headers { get; }

    object? IValueHttpResult.Value => Value;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;
    string? IContentTypeHttpResult.ContentType => ContentType;

    public Task ExecuteAsync(HttpContext httpContext) => JsonResponse.Write(httpContext, Value, StatusCode, ContentType, Headers);

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}
