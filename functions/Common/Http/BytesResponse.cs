using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Steunpunt.Common.Http;

/// <summary>A fixed body, e.g. a document read once at start.</summary>
public sealed class BytesResponse(byte[] body, string contentType) : IResult, IActionResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int StatusCode => StatusCodes.Status200OK;
    public string ContentType => contentType;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;
    string? IContentTypeHttpResult.ContentType => ContentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync(context.HttpContext);
}
