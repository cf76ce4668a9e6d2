using System.Net;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Time.Testing;
using Steunpunt.Connectors.CommunicationServices;
using Steunpunt.LocalHost.Emulators.CommunicationServices;

namespace Steunpunt.UnitTests.Connectors;

public class AcsHmacTests
{
    // The test vector from the protocol reference (computed with Python's hashlib/hmac from the published algorithm).
    private const string VectorKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private const string VectorBody = """{"senderAddress":"a@b.c"}""";
    private const string VectorDate = "Tue, 26 Mar 2019 16:06:51 GMT";
    private static readonly DateTimeOffset VectorTime = new(2019, 3, 26, 16, 6, 51, TimeSpan.Zero);

    [Fact]
    public void The_content_hash_and_signature_match_the_test_vector()
    {
        var hash = AcsHmac.ContentHash(Encoding.UTF8.GetBytes(VectorBody));
        var signature = AcsHmac.Signature(Convert.FromBase64String(VectorKey),
            AcsHmac.StringToSign("POST", "/emails:send?api-version=2023-03-31", VectorDate, "contoso.communication.azure.com", hash));

        Assert.Equal("JppGVhXOsxjTDFEjYrQyeJE/eLwcSbSYvYuKFodVIO0=", hash);
        Assert.Equal("sarn1IVRgx5maTlS49tioMqUmi7Dd752RrtR0UfbfHQ=", signature);
        Assert.Equal(VectorDate, AcsHmac.Date(VectorTime));
    }

    [Fact]
    public void The_empty_body_hash_is_the_sha256_of_nothing()
        => Assert.Equal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", AcsHmac.ContentHash([]));

    [Fact]
    public async Task The_pipeline_policy_signs_exactly_the_test_vector()
    {
        var captured = await SendThroughPolicyAsync("https://contoso.communication.azure.com/emails:send?api-version=2023-03-31", VectorBody, VectorTime);

        Assert.Equal(VectorDate, captured.Headers["x-ms-date"]);
        Assert.Equal("JppGVhXOsxjTDFEjYrQyeJE/eLwcSbSYvYuKFodVIO0=", captured.Headers["x-ms-content-sha256"]);
        Assert.Equal("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=sarn1IVRgx5maTlS49tioMqUmi7Dd752RrtR0UfbfHQ=", captured.Headers["Authorization"]);
    }

    [Fact]
    public async Task What_the_policy_signs_the_emulator_accepts_including_a_port_and_a_path_prefix()
    {
        var captured = await SendThroughPolicyAsync("http://127.0.0.1:7071/emulators/communication/sms?api-version=2021-03-07", """{"from":"x"}""", VectorTime);

        Assert.Null(HmacVerifier.Verify(ToRequest(captured), Encoding.UTF8.GetBytes("""{"from":"x"}"""), Convert.FromBase64String(VectorKey), VectorTime.AddMinutes(1)));
    }

    [Theory]
    [InlineData("body")]
    [InlineData("key")]
    [InlineData("host")]
    [InlineData("path")]
    [InlineData("date")]
    [InlineData("bearer")]
    public async Task The_emulator_refuses_anything_that_does_not_match(string tampered)
    {
        var body = """{"from":"x"}""";
        var captured = await SendThroughPolicyAsync("http://127.0.0.1:7071/sms?api-version=2021-03-07", body, VectorTime);
        var request = ToRequest(captured);
        var key = Convert.FromBase64String(VectorKey);
        var now = VectorTime;
        switch (tampered)
        {
            case "body": body = """{"from":"y"}"""; break;
            case "key": key = Encoding.UTF8.GetBytes("another key of thirty-two bytes!"); break;
            case "host": request.Host = new HostString("127.0.0.1:7072"); break;
            case "path": request.HttpContext.Features.Get<IHttpRequestFeature>()!.RawTarget = "/sms?api-version=2099-01-01"; break;
            case "date": now = VectorTime.AddMinutes(16); break;
            case "bearer": request.Headers.Authorization = "Bearer abc"; break;
        }

        Assert.NotNull(HmacVerifier.Verify(request, Encoding.UTF8.GetBytes(body), key, now));
    }

    [Fact]
    public void A_signature_over_the_standard_Date_header_is_accepted_as_the_REST_docs_allow()
    {
        var request = VectorRequestSignedOverDate();

        Assert.Null(HmacVerifier.Verify(request, Encoding.UTF8.GetBytes(VectorBody), Convert.FromBase64String(VectorKey), VectorTime.AddMinutes(1)));
    }

    [Theory]
    [InlineData("date changed")]
    [InlineData("date only in x-ms-date")]
    [InlineData("date too old")]
    [InlineData("date too far ahead")]
    [InlineData("undocumented header list")]
    public void A_request_signed_over_Date_is_refused_when_it_does_not_hold(string tampered)
    {
        var request = VectorRequestSignedOverDate();
        var body = Encoding.UTF8.GetBytes(VectorBody);
        var key = Convert.FromBase64String(VectorKey);
        var now = VectorTime;
        Assert.Null(HmacVerifier.Verify(request, body, key, now));
        switch (tampered)
        {
            case "date changed": request.Headers.Date = "Tue, 26 Mar 2019 16:06:52 GMT"; break;
            case "date only in x-ms-date": request.Headers.Remove("Date"); request.Headers["x-ms-date"] = VectorDate; break;
            case "date too old": now = VectorTime.AddMinutes(16); break;
            case "date too far ahead": now = VectorTime.AddMinutes(-16); break;
            case "undocumented header list": request.Headers.Authorization = request.Headers.Authorization.ToString().Replace("date;host;", "host;date;", StringComparison.Ordinal); break;
        }

        Assert.NotNull(HmacVerifier.Verify(request, body, key, now));
    }

    /// <summary>The test vector's request with its date in <c>Date</c>: the string to sign, so the signature, is the same.</summary>
    private static HttpRequest VectorRequestSignedOverDate()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Host = new HostString("contoso.communication.azure.com");
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = "/emails:send?api-version=2023-03-31";
        context.Request.Headers.Date = VectorDate;
        context.Request.Headers["x-ms-content-sha256"] = "JppGVhXOsxjTDFEjYrQyeJE/eLwcSbSYvYuKFodVIO0=";
        context.Request.Headers.Authorization = "HMAC-SHA256 SignedHeaders=date;host;x-ms-content-sha256&Signature=sarn1IVRgx5maTlS49tioMqUmi7Dd752RrtR0UfbfHQ=";
        return context.Request;
    }

    private sealed record Captured(string Method, Uri Url, Dictionary<string, string> Headers);

    private static async Task<Captured> SendThroughPolicyAsync(string url, string body, DateTimeOffset now)
    {
        var handler = new CapturingHandler();
        var pipeline = new HttpPipeline(new HttpClientTransport(new HttpClient(handler)), [new HmacAuthenticationPolicy(Convert.FromBase64String(VectorKey), new FakeTimeProvider(now))]);
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri(url));
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body));
        await pipeline.SendAsync(message, default);
        return handler.Last!;
    }

    private static HttpRequest ToRequest(Captured captured)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = captured.Method;
        context.Request.Host = new HostString(captured.Url.Authority);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = captured.Url.PathAndQuery;
        foreach (var (name, value) in captured.Headers) context.Request.Headers[name] = value;
        return context.Request;
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public Captured? Last { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            Last = new Captured(request.Method.Method, request.RequestUri!, headers);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
