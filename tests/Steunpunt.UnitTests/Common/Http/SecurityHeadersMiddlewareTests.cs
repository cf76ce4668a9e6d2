using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Testing;
using Steunpunt.Common.Http;

namespace Steunpunt.UnitTests.Common.Http;

/// <summary>The worker's header middleware, run as the Functions worker runs it, with a response that really starts.</summary>
public class SecurityHeadersMiddlewareTests
{
    /// <summary>Runs the worker's middleware chain as Program.cs registers it, then starts the response.</summary>
    private static async Task<HttpResponse> RunAsync(string path, Func<HttpContext, Task> function, string name = "GetChat")
    {
        var starting = new StartingResponseFeature();
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseFeature>(starting);
        http.Response.Body = new MemoryStream();
        http.Request.Path = path;
        var context = new HttpFunctionContext(name, http);
        var unhandled = new UnhandledExceptionMiddleware(new UnhandledExceptionAnswer(new FakeLogger<UnhandledExceptionAnswer>()));
        await new SecurityHeadersMiddleware().Invoke(context, c => unhandled.Invoke(c, _ => function(http)));
        await starting.StartAsync();
        return http.Response;
    }

    [Fact]
    public async Task A_json_answer_with_a_token_gets_no_store_nosniff_no_referrer_a_policy_and_no_server_header()
    {
        var response = await RunAsync("/api/chats", http =>
        {
            http.Response.Headers.Server = "Kestrel";
            return new JsonResponse(new { id = "c1", visitorToken = "geheim" }, StatusCodes.Status201Created).WriteAsync(http);
        });

        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Equal("no-referrer", response.Headers["Referrer-Policy"].ToString());
        Assert.Equal(SecurityHeaders.ResourcePolicy, response.Headers.ContentSecurityPolicy.ToString());
        Assert.False(response.Headers.ContainsKey("Server"));
    }

    [Fact]
    public async Task A_handler_that_asks_for_caching_on_a_path_outside_the_allow_list_still_gets_no_store()
    {
        var response = await RunAsync("/api/staff/appointments/a1", http =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return new JsonResponse(new { phoneNumber = "+31612345678" }).WriteAsync(http);
        });

        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task The_answer_of_a_function_that_throws_carries_the_headers_too()
    {
        var response = await RunAsync("/api/staff/mail/m1", _ => throw new InvalidOperationException());

        Assert.Equal(StatusCodes.Status500InternalServerError, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task Only_an_allow_listed_path_may_be_cached_and_only_when_it_succeeds()
    {
        var ok = await RunAsync("/api/openapi.json", http => new JsonResponse(new { openapi = "3.1.0" }).WriteAsync(http), "GetOpenApi");
        var failed = await RunAsync("/api/openapi.json", _ => throw new InvalidOperationException(), "GetOpenApi");

        Assert.Equal(SecurityHeaders.Cacheable["/api/openapi.json"], ok.Headers.CacheControl.ToString());
        Assert.Equal("no-store", failed.Headers.CacheControl.ToString());
    }

    [Fact]
    public async Task Html_gets_the_page_policy_and_a_page_with_its_own_policy_keeps_it()
    {
        var page = await RunAsync("/pagina", http =>
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            return http.Response.WriteAsync("<!doctype html><p>Hallo</p>");
        });
        var own = await RunAsync("/eigen", http =>
        {
            http.Response.ContentType = "text/html";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; script-src 'sha256-abc'; frame-ancestors 'none'";
            return Task.CompletedTask;
        });

        Assert.Equal(SecurityHeaders.PagePolicy, page.Headers.ContentSecurityPolicy.ToString());
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.PagePolicy);
        Assert.Equal("default-src 'none'; script-src 'sha256-abc'; frame-ancestors 'none'", own.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("no-referrer", own.Headers["Referrer-Policy"].ToString());
    }

    [Fact]
    public async Task A_function_without_http_passes_through()
    {
        var ran = false;
        await new SecurityHeadersMiddleware().Invoke(new HttpFunctionContext("ProcessMailIntake", http: null), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        Assert.True(ran);
    }

    /// <summary>A response feature whose OnStarting callbacks run when the test starts the response, as Kestrel runs them.</summary>
    private sealed class StartingResponseFeature : HttpResponseFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> callbacks = [];
        private bool started;

        public override bool HasStarted => started;

        public override void OnStarting(Func<object, Task> callback, object state) => callbacks.Add((callback, state));

        public async Task StartAsync()
        {
            // Kestrel runs them last-registered first.
            for (var i = callbacks.Count - 1; i >= 0; i--) await callbacks[i].Callback(callbacks[i].State);
            started = true;
        }
    }
}
