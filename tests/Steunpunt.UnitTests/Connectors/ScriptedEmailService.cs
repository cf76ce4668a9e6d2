using System.Net;

namespace Steunpunt.UnitTests.Connectors;

/// <summary>
/// The e-mail API at the HTTP level: the send is answered with 202, <c>Running</c> and an <c>Operation-Location</c>
/// (<paramref name="operationLocation"/>), every status poll with <c>Succeeded</c>. Records what it was sent.
/// </summary>
internal sealed class ScriptedEmailService(string operationLocation = "https://x.communication.azure.com/emails/operations/op?api-version=2023-03-31")
    : HttpMessageHandler
{
    public sealed record Seen(string Method, Uri Url, string? Authorization, bool HasHmacHeaders, string? OperationId)
    {
        public string MethodAndPath => $"{Method} {Url.AbsolutePath}";
    }

    public List<Seen> Requests { get; } = [];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(new Seen(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString(),
            request.Headers.Contains("x-ms-content-sha256"), request.Headers.TryGetValues("Operation-Id", out var id) ? id.Single() : null));
        if (request.Method != HttpMethod.Post)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"id":"op","status":"Succeeded"}""") });
        }
        var accepted = new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent("""{"id":"op","status":"Running"}""") };
        accepted.Headers.TryAddWithoutValidation("Operation-Location", operationLocation);
        accepted.Headers.TryAddWithoutValidation("retry-after", "0");
        return Task.FromResult(accepted);
    }
}
