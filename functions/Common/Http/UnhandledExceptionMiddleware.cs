using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Steunpunt.Common.Http;

/// <summary>
/// Puts <see cref="UnhandledExceptionAnswer"/> around every HTTP function in the Functions worker, where an exception
/// would otherwise reach the host as a bare 500. The answer is written to the ASP.NET Core response directly; the
/// invocation then has no result for the HTTP integration to write over it. Other triggers pass through unchanged:
/// the host retries them.
/// </summary>
public sealed class UnhandledExceptionMiddleware(UnhandledExceptionAnswer answer) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
        => context.GetHttpContext() is { } http
            ? answer.InvokeAsync(http, context.FunctionDefinition.Name, () => next(context))
            : next(context);
}
