using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Steunpunt.Common.Http;

/// <summary>
/// Registers <see cref="SecurityHeaders"/> on every HTTP invocation in the Functions worker. With the ASP.NET Core
/// integration the worker's HttpContext is the one the host proxies, so headers set on it reach the caller. Registered
/// first, so it also covers what <see cref="UnhandledExceptionMiddleware"/> writes. Other triggers pass through.
/// </summary>
public sealed class SecurityHeadersMiddleware : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http) SecurityHeaders.Register(http);
        return next(context);
    }
}
