using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.MailIntake;

namespace Steunpunt.IntegrationTests.Common;

/// <summary>
/// The client address the limits count, through the local host. The fixture names 127.0.0.1 as a known proxy (as
/// the template names the hop in front of the worker); a client connecting from 127.0.0.2 is a peer no one vouches for.
/// </summary>
[Collection(LocalHostCollection.Name)]
public class ClientAddressTests(LocalHostFixture fixture)
{
    private int Limit => fixture.Services.GetRequiredService<IOptions<MailIntakeOptions>>().Value.SubmissionsPerHourPerAddress;

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x address is this machine's loopback).</summary>
    private HttpClient ClientFrom(string source) => ClientFrom(source, fixture.Client.BaseAddress!);

    /// <summary>A client of <paramref name="baseAddress"/> whose connections come from <paramref name="source"/>.</summary>
    internal static HttpClient ClientFrom(string source, Uri baseAddress)
        => new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        }) { BaseAddress = baseAddress };

    private static async Task<HttpStatusCode> SubmitAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail-intake")
        {
            Content = JsonContent.Create(new { replyAddress = $"afzender-{Guid.NewGuid():N}@example.org", question = "Wat kan ik doen?", consentToStore = false }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static string RandomAddress() => $"203.0.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 255)}";

    [Fact]
    public async Task A_forged_forwarded_for_from_a_peer_no_one_vouches_for_does_not_make_it_another_client()
    {
        using var client = ClientFrom("127.0.0.2");
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++) answers.Add(await SubmitAsync(client, RandomAddress()));
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, Limit), HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task From_a_known_proxy_the_forwarded_address_is_the_client()
    {
        using var client = ClientFrom("127.0.0.1");
        var address = RandomAddress();
        for (var i = 0; i < Limit; i++) Assert.Equal(HttpStatusCode.Accepted, await SubmitAsync(client, address));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SubmitAsync(client, address));
        Assert.Equal(HttpStatusCode.Accepted, await SubmitAsync(client, RandomAddress()));
    }

    [Fact]
    public async Task An_ipv4_mapped_address_and_the_ipv4_address_are_one_client()
    {
        using var client = ClientFrom("127.0.0.1");
        var address = RandomAddress();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i <= Limit; i++) answers.Add(await SubmitAsync(client, i % 2 == 0 ? "::ffff:" + address : address));
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Accepted, Limit), HttpStatusCode.TooManyRequests], answers);
    }
}
