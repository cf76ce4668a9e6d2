using Azure;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors;
using Steunpunt.Connectors.CommunicationServices;
using Steunpunt.Connectors.Email;

namespace Steunpunt.UnitTests.Connectors;

/// <summary>The caller chooses whether a send follows the operation to its final status (as the SDK's WaitUntil).</summary>
public class EmailWaitTests
{
    private static readonly EmailMessage Mail = new([new EmailAddress("a@example.org")], "Onderwerp", "Tekst");

    private static (AcsEmailClient Client, ScriptedEmailService Handler) Client()
    {
        var handler = new ScriptedEmailService();
        var connection = new CommunicationServicesConnection(
            new CommunicationServicesOptions { ConnectionString = "endpoint=https://x.communication.azure.com/;accesskey=" + Convert.ToBase64String(new byte[32]) },
            () => throw new InvalidOperationException("no credential expected"), TimeProvider.System, new HttpClientTransport(new HttpClient(handler)));
        return (new AcsEmailClient(connection, Options.Create(new EmailOptions { SenderAddress = "DoNotReply@x.azurecomm.net" }), NullLogger<AcsEmailClient>.Instance), handler);
    }

    [Fact]
    public async Task Started_returns_once_the_service_accepted_the_mail_without_asking_for_its_status()
    {
        var (client, handler) = Client();

        var result = await client.SendAsync(Mail, new IdempotencyKey("k", DateTimeOffset.UnixEpoch), WaitUntil.Started, default);

        Assert.Equal(EmailSendStatus.Running, result.Status);
        Assert.Equal("op", result.OperationId);
        Assert.Equal(["POST /emails:send"], handler.Requests.Select(r => r.MethodAndPath));
    }

    [Fact]
    public async Task Completed_follows_the_operation_to_its_final_status()
    {
        var (client, handler) = Client();

        var result = await client.SendAsync(Mail, new IdempotencyKey("k", DateTimeOffset.UnixEpoch), WaitUntil.Completed, default);

        Assert.Equal(EmailSendStatus.Succeeded, result.Status);
        Assert.Equal(["POST /emails:send", "GET /emails/operations/op"], handler.Requests.Select(r => r.MethodAndPath));
    }
}
