using Azure.Core;
using Azure.Core.Pipeline;

namespace Steunpunt.Connectors.CommunicationServices;

/// <summary>
/// Signs every attempt (it sits after the retry policy, so a retry gets a fresh date) with the access key:
/// <c>x-ms-date</c>, <c>x-ms-content-sha256</c> and an <c>Authorization: HMAC-SHA256 …</c> header over them and the host.
/// </summary>
public sealed class HmacAuthenticationPolicy(byte[] key, TimeProvider clock) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Sign(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Sign(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Sign(HttpMessage message)
    {
        var request = message.Request;
        var body = ReadBody(request.Content, message.CancellationToken);
        var uri = request.Uri.ToUri();
        var date = AcsHmac.Date(clock.GetUtcNow());
        var hash = AcsHmac.ContentHash(body);
        var signature = AcsHmac.Signature(key, AcsHmac.StringToSign(request.Method.Method, uri.PathAndQuery, date, uri.Authority, hash));
        request.Headers.SetValue(AcsHmac.DateHeader, date);
        request.Headers.SetValue(AcsHmac.ContentHashHeader, hash);
        request.Headers.SetValue(HttpHeader.Names.Authorization, AcsHmac.AuthorizationHeader(signature));
    }

    private static byte[] ReadBody(RequestContent? content, CancellationToken cancellationToken)
    {
        if (content is null) return [];
        using var buffer = new MemoryStream();
        content.WriteTo(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
