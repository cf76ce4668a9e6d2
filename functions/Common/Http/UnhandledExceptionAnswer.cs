using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Storage;

namespace Steunpunt.Common.Http;

/// <summary>
/// The one answer to an exception no HTTP handler caught, run by both hosts (the worker through
/// <see cref="UnhandledExceptionMiddleware"/>, the local host around each route): storage that did not answer becomes a 503
/// with <c>Retry-After</c>, anything else <see cref="Problem.InternalError"/>; both carry a correlation id that is also in the
/// log line. Only the exception's type is logged: its message can quote what a visitor sent. Storage calls made during the
/// invocation get the short budget of a waiting caller (<see cref="StorageCallBudget"/>).
/// </summary>
public sealed class UnhandledExceptionAnswer(ILogger<UnhandledExceptionAnswer> logger)
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    public async Task InvokeAsync(HttpContext http, string function, Func<Task> invoke)
    {
        using var budget = StorageCallBudget.ForWaitingCaller();
        try
        {
            await invoke();
        }
        catch (Exception exception) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            var correlationId = Guid.NewGuid().ToString("N");
            var unavailable = IsUnavailable(exception);
            if (unavailable)
            {
                logger.LogWarning("Function {Function} could not reach storage: {Error} (correlation id {CorrelationId}).",
                    function, exception.GetType().Name, correlationId);
            }
            else
            {
                logger.LogError("Function {Function} failed: {Error} (correlation id {CorrelationId}).", function, exception.GetType().Name, correlationId);
            }
            http.Response.Clear();
            var answer = unavailable ? Problem.StorageUnavailable(correlationId, RetryAfter) : Problem.InternalError(correlationId);
            await answer.ExecuteAsync(http);
        }
    }

    /// <summary>
    /// Whether the exception says a service did not answer (no connection, a timeout, a 5xx, or retries that all ended so),
    /// rather than that our code is wrong. The caller has already ruled out the request being cancelled by its client.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(IsUnavailable),
        RequestFailedException failed => failed.Status is 0 or >= 500,
        HttpRequestException or TimeoutException or OperationCanceledException or IOException => true,
        _ => false,
    };
}
