using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Steunpunt.Common.Http;
using Steunpunt.Common.Storage;

namespace Steunpunt.UnitTests.Common.Http;

/// <summary>The worker middleware run with a function that throws, as the Functions worker would run it.</summary>
public class UnhandledExceptionMiddlewareTests
{
    private const string VisitorText = "Mijn ex volgt mij, bel 0612345678";
    private readonly FakeLogger<UnhandledExceptionAnswer> logger = new();

    private async Task<(DefaultHttpContext Http, JsonElement Body)> RunAsync(Func<Task> function)
    {
        var http = new DefaultHttpContext();
        http.Response.Body = new MemoryStream();
        var context = new HttpFunctionContext("SubmitMailIntake", http);
        await new UnhandledExceptionMiddleware(new UnhandledExceptionAnswer(logger)).Invoke(context, _ => function());
        http.Response.Body.Position = 0;
        return (http, JsonDocument.Parse(http.Response.Body).RootElement.Clone());
    }

    [Fact]
    public async Task A_function_that_throws_gets_the_dutch_internal_error_with_the_correlation_id_of_its_log_line_and_no_request_data()
    {
        var (http, body) = await RunAsync(() => throw new InvalidOperationException(VisitorText));

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
        Assert.StartsWith("application/problem+json", http.Response.ContentType);
        Assert.Equal("urn:steunpunt:problem:internal-error", body.GetProperty("type").GetString());
        Assert.Equal("Er ging iets mis aan onze kant.", body.GetProperty("title").GetString());
        var correlationId = body.GetProperty("correlationId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", correlationId);
        var line = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.Contains(correlationId, line.Message);
        Assert.Contains(nameof(InvalidOperationException), line.Message);
        Assert.Null(line.Exception); // the exception object carries the message, so it is not handed to the logger
        Assert.DoesNotContain("0612345678", line.Message);
        Assert.DoesNotContain("volgt", line.Message);
    }

    [Fact]
    public async Task Storage_that_did_not_answer_after_its_retries_gets_503_with_retry_after()
    {
        var (http, body) = await RunAsync(() => throw new AggregateException(
            new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout of 0:00:03."),
            new RequestFailedException(0, "Connection refused")));

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("urn:steunpunt:problem:storage-unavailable", body.GetProperty("type").GetString());
        Assert.Equal(((int)UnhandledExceptionAnswer.RetryAfter.TotalSeconds).ToString(), http.Response.Headers.RetryAfter.ToString());
        Assert.Contains(body.GetProperty("correlationId").GetString()!, Assert.Single(logger.Collector.GetSnapshot()).Message);
    }

    [Fact]
    public async Task A_storage_answer_that_is_our_own_mistake_stays_an_internal_error()
    {
        var (http, _) = await RunAsync(() => throw new RequestFailedException(400, "The table specified does not exist."));

        Assert.Equal(StatusCodes.Status500InternalServerError, http.Response.StatusCode);
    }

    [Fact]
    public async Task The_function_runs_with_the_storage_budget_of_a_waiting_caller()
    {
        var waiting = false;
        await RunAsync(() =>
        {
            waiting = StorageCallBudget.CallerIsWaiting;
            throw new InvalidOperationException();
        });

        Assert.True(waiting);
        Assert.False(StorageCallBudget.CallerIsWaiting);
    }

    [Fact]
    public async Task A_function_without_http_passes_its_exception_on_to_the_host_that_retries_it()
    {
        var context = new HttpFunctionContext("ProcessMailIntake", http: null);
        var middleware = new UnhandledExceptionMiddleware(new UnhandledExceptionAnswer(logger));

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.Invoke(context, _ => throw new InvalidOperationException()));
        Assert.Empty(logger.Collector.GetSnapshot());
    }
}
