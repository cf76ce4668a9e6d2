using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Http;
using Steunpunt.LocalHost.Discovery;

namespace Steunpunt.UnitTests.LocalHost;

/// <summary>
/// The local host executes what a handler returns as the worker's ASP.NET Core integration does: an IActionResult, or an
/// IResult such as <c>Results&lt;…&gt;</c>, with its status, headers and body, not the result object serialized as JSON.
/// </summary>
public class ResultExecutionTests
{
    public sealed record Thing(string Name, int Count);

    public sealed class TypedHandlers
    {
        public async Task<Results<JsonResponse<Thing>, ProblemResult>> Ours(HttpRequest request)
        {
            await Task.Yield();
            if (request.Query.ContainsKey("fail")) return Problem.TooManyRequests("Even wachten.", TimeSpan.FromSeconds(7));
            return new JsonResponse<Thing>(new Thing("één", 2), StatusCodes.Status201Created)
            {
                Headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store" },
            };
        }

        public Results<Accepted<Thing>, NotFound> Theirs(HttpRequest request) => TypedResults.Accepted("/api/things/1", new Thing("x", 1));
    }

    private static async Task<(int Status, IHeaderDictionary Headers, string Body)> Invoke(string method, string query = "")
    {
        var function = new FunctionDescriptor(method, typeof(TypedHandlers), typeof(TypedHandlers).GetMethod(method)!,
            new HttpTriggerDescriptor("request", ["get"], "things", "anonymous"));
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.QueryString = new QueryString(query);
        var body = new MemoryStream();
        context.Response.Body = body;

        await new FunctionInvoker(function).InvokeHttpAsync(context);
        return (context.Response.StatusCode, context.Response.Headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task A_typed_result_is_executed_with_its_status_headers_and_body()
    {
        var (status, headers, body) = await Invoke(nameof(TypedHandlers.Ours));
        Assert.Equal(201, status);
        Assert.Equal("application/json; charset=utf-8", headers.ContentType.ToString());
        Assert.Equal("no-store", headers.CacheControl.ToString());
        Assert.Equal("""{"name":"één","count":2}""", body);
    }

    [Fact]
    public async Task A_typed_problem_is_executed_as_problem_json_with_retry_after()
    {
        var (status, headers, body) = await Invoke(nameof(TypedHandlers.Ours), "?fail=1");
        Assert.Equal(429, status);
        Assert.Equal("application/problem+json; charset=utf-8", headers.ContentType.ToString());
        Assert.Equal("7", headers.RetryAfter.ToString());
        Assert.Equal("""{"type":"urn:steunpunt:problem:rate-limited","title":"Te veel verzoeken.","status":429,"detail":"Even wachten."}""", body);
    }

    [Fact]
    public async Task An_aspnet_core_typed_result_is_executed_too()
    {
        var (status, headers, body) = await Invoke(nameof(TypedHandlers.Theirs));
        Assert.Equal(202, status);
        Assert.Equal("/api/things/1", headers.Location.ToString());
        Assert.Contains("\"name\":\"x\"", body);
    }
}
