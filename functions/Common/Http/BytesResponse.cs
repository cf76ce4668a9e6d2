using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Steunpunt.Common.Http;

/// <summary>A fixed body, e.g. a document read once at start.</summary>
public sealed class BytesResponse(byte[] body, string contentType) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
    }
}
