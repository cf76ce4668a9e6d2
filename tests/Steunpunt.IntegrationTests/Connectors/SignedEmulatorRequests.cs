using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Connectors.CommunicationServices;

namespace Steunpunt.IntegrationTests.Connectors;

/// <summary>
/// Requests to the Communication Services emulator signed by hand, as the REST authentication docs describe it for
/// clients without an SDK: the date goes in <c>x-ms-date</c> or in the standard <c>Date</c> header, and the
/// signed-header list names which.
/// </summary>
internal static class SignedEmulatorRequests
{
    public const string XMsDate = "x-ms-date";
    public const string Date = "date";

    /// <summary>The emulator's endpoint and key, from the app's own connection string.</summary>
    public static AcsConnectionString Connection(LocalHostFixture fixture)
    {
        AcsConnectionString.TryParse(fixture.Services.GetRequiredService<IConfiguration>()[$"{CommunicationServicesOptions.Section}:ConnectionString"], out var connection, out _);
        return connection!;
    }

    /// <param name="pathAndQuery">Relative to the resource endpoint, e.g. <c>sms?api-version=2021-03-07</c>.</param>
    /// <param name="signedBody">What the signature covers; by default the body that is sent.</param>
    public static HttpRequestMessage Create(LocalHostFixture fixture, HttpMethod method, string pathAndQuery, string? body,
        string dateHeader = XMsDate, string? signedBody = null)
    {
        var connection = Connection(fixture);
        var url = new Uri(connection.Endpoint.AbsoluteUri.TrimEnd('/') + "/" + pathAndQuery);
        var now = fixture.Clock.GetUtcNow();
        var hash = AcsHmac.ContentHash(Encoding.UTF8.GetBytes(signedBody ?? body ?? ""));
        var signature = AcsHmac.Signature(connection.AccessKey, AcsHmac.StringToSign(method.Method, url.PathAndQuery, AcsHmac.Date(now), url.Authority, hash));

        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (dateHeader == Date) request.Headers.Date = now;
        else request.Headers.Add(XMsDate, AcsHmac.Date(now));
        request.Headers.Add(AcsHmac.ContentHashHeader, hash);
        request.Headers.TryAddWithoutValidation("Authorization", $"HMAC-SHA256 SignedHeaders={dateHeader};host;{AcsHmac.ContentHashHeader}&Signature={signature}");
        return request;
    }
}
