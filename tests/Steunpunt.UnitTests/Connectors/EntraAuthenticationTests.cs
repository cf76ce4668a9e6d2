using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors;
using Steunpunt.Connectors.CommunicationServices;
using Steunpunt.Connectors.Email;

namespace Steunpunt.UnitTests.Connectors;

/// <summary>Identity-based access: an Entra ID token for the Communication Services scope, no HMAC headers.</summary>
public class EntraAuthenticationTests
{
    [Fact]
    public async Task With_an_endpoint_and_no_key_requests_carry_an_entra_token_for_the_service_scope()
    {
        var credential = new RecordingCredential();
        // The Operation-Location has a double slash, as in the published example.
        var handler = new ScriptedEmailService("https://x.communication.azure.com//emails/operations/op?api-version=2023-03-31");
        var connection = new CommunicationServicesConnection(
            new CommunicationServicesOptions { Endpoint = "https://x.communication.azure.com" }, () => credential, TimeProvider.System,
            new HttpClientTransport(new HttpClient(handler)));
        var sender = new AcsEmailClient(connection, Options.Create(new EmailOptions { SenderAddress = "DoNotReply@x.azurecomm.net" }), NullLogger<AcsEmailClient>.Instance);

        var result = await sender.SendAsync(new EmailMessage([new EmailAddress("a@example.org")], "s", "t"), new IdempotencyKey("k", DateTimeOffset.UnixEpoch), WaitUntil.Completed, default);

        Assert.Equal(EmailSendStatus.Succeeded, result.Status);
        Assert.Equal(["https://communication.azure.com//.default"], credential.Scopes);
        Assert.All(handler.Requests, r =>
        {
            Assert.Equal("Bearer entra-token", r.Authorization);
            Assert.False(r.HasHmacHeaders);
        });
        Assert.Equal("https://x.communication.azure.com/emails:send?api-version=2023-03-31", handler.Requests[0].Url.AbsoluteUri);
        Assert.Equal(new IdempotencyKey("k", DateTimeOffset.UnixEpoch).ToGuid("email").ToString(), handler.Requests[0].OperationId);
        // The Operation-Location had a double slash (as in the published example): it is followed, normalised.
        Assert.Equal("https://x.communication.azure.com/emails/operations/op?api-version=2023-03-31", handler.Requests[1].Url.AbsoluteUri);
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("entra-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
            => ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
