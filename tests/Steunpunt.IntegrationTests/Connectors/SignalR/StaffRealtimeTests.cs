using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Steunpunt.Connectors.SignalR;
using Steunpunt.StaffNotifications;
using static Steunpunt.IntegrationTests.Connectors.SignalR.SignalRTestKit;

namespace Steunpunt.IntegrationTests.Connectors.SignalR;

/// <summary>
/// A real SignalR .NET client negotiates through <c>POST /api/staff/negotiate</c>, is sent on to the local
/// host's SignalR Service emulator, and receives what the functions' REST client sends.
/// </summary>
[Collection(LocalHostCollection.Name)]
public class StaffRealtimeTests(LocalHostFixture fixture)
{
    private const string Target = "staffNotification";

    [Fact]
    public async Task A_staff_client_receives_messages_for_its_user_its_group_and_everyone_but_not_for_another_user()
    {
        var anna = await StaffAsync(fixture, "Anna " + Guid.NewGuid());
        var bert = await StaffAsync(fixture, "Bert " + Guid.NewGuid());
        await using var annaClient = await ConnectStaffAsync(fixture, anna.AccessToken, Target);
        await using var bertClient = await ConnectStaffAsync(fixture, bert.AccessToken, Target);
        var messenger = Messenger(fixture);

        var forAnna = Guid.NewGuid().ToString();
        await messenger.SendToUserAsync(SignalRHubs.Staff, anna.Subject, Target, [Message(forAnna)]);
        Assert.Equal("test", (await annaClient.WaitForAsync(Target, forAnna)).GetProperty("text").GetString());

        var forTeam = Guid.NewGuid().ToString();
        await messenger.SendToGroupAsync(SignalRHubs.Staff, SignalRGroups.Staff, Target, [Message(forTeam)]);
        await annaClient.WaitForAsync(Target, forTeam);
        await bertClient.WaitForAsync(Target, forTeam);

        var forAll = Guid.NewGuid().ToString();
        await messenger.SendToAllAsync(SignalRHubs.Staff, Target, [Message(forAll)]);
        await annaClient.WaitForAsync(Target, forAll);
        await bertClient.WaitForAsync(Target, forAll);

        // Bert's connection delivers in order: the message for Anna, had it come, would be there before these.
        Assert.Equal(0, bertClient.Count(Target, forAnna));
        Assert.Equal(1, annaClient.Count(Target, forAnna));
    }

    [Fact]
    public async Task Negotiate_answers_the_emulator_url_and_a_short_lived_token_for_the_staff_member()
    {
        var anna = await StaffAsync(fixture, "Anna " + Guid.NewGuid());
        var response = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Post, "/api/staff/negotiate?negotiateVersion=1", anna.AccessToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"{EmulatorBase(fixture)}/client/?hub=staff", body.RootElement.GetProperty("url").GetString());
        var token = new JsonWebToken(body.RootElement.GetProperty("accessToken").GetString());
        Assert.Equal([$"{EmulatorBase(fixture)}/client/?hub=staff"], token.Audiences);
        Assert.Equal(anna.Subject, token.GetPayloadValue<string>("asrs.s.uid"));
        Assert.Equal(anna.Subject, token.GetPayloadValue<string>("nameid"));
        Assert.Equal(fixture.Clock.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds(), token.GetPayloadValue<long>("exp"));
        Assert.True(Registry(fixture).UserInGroup("staff", SignalRGroups.Staff, anna.Subject));
    }

    [Fact]
    public async Task Negotiate_without_a_staff_token_is_a_401_problem()
    {
        var response = await fixture.Client.PostAsync("/api/staff/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("medewerkers", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_staff_client_without_a_valid_staff_token_cannot_connect()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => ConnectStaffAsync(fixture, "not-a-token", Target));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task An_injected_500_is_retried_by_the_pipeline_and_the_message_arrives_exactly_once()
    {
        var anna = await StaffAsync(fixture, "Anna " + Guid.NewGuid());
        await using var client = await ConnectStaffAsync(fixture, anna.AccessToken, Target);
        var faultResponse = await fixture.Client.PostAsync("/dev/faults",
            new StringContent("""{"target":"signalr","status":500,"times":1}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, faultResponse.StatusCode);

        var id = Guid.NewGuid().ToString();
        await Messenger(fixture).SendToUserAsync(SignalRHubs.Staff, anna.Subject, Target, [Message(id)]);
        await client.WaitForAsync(Target, id);

        // The fault was used up by the first attempt; a later message on the same connection proves nothing else is on its way.
        Assert.DoesNotContain("signalr", await fixture.Client.GetStringAsync("/dev/faults"));
        var marker = Guid.NewGuid().ToString();
        await Messenger(fixture).SendToUserAsync(SignalRHubs.Staff, anna.Subject, Target, [Message(marker)]);
        await client.WaitForAsync(Target, marker);
        Assert.Equal(1, client.Count(Target, id));
    }

    [Fact]
    public async Task A_removed_member_no_longer_gets_group_messages_but_still_gets_its_own()
    {
        var anna = await StaffAsync(fixture, "Anna " + Guid.NewGuid());
        await using var client = await ConnectStaffAsync(fixture, anna.AccessToken, Target);
        var messenger = Messenger(fixture);
        await messenger.RemoveUserFromGroupAsync(SignalRHubs.Staff, SignalRGroups.Staff, anna.Subject);

        var forTeam = Guid.NewGuid().ToString();
        await messenger.SendToGroupAsync(SignalRHubs.Staff, SignalRGroups.Staff, Target, [Message(forTeam)]);
        var forAnna = Guid.NewGuid().ToString();
        await messenger.SendToUserAsync(SignalRHubs.Staff, anna.Subject, Target, [Message(forAnna)]);
        await client.WaitForAsync(Target, forAnna);
        Assert.Equal(0, client.Count(Target, forTeam));
    }

    [Fact]
    public async Task A_message_to_one_connection_reaches_only_that_connection()
    {
        var anna = await StaffAsync(fixture, "Anna " + Guid.NewGuid());
        await using var laptop = await ConnectStaffAsync(fixture, anna.AccessToken, Target);
        await using var phone = await ConnectStaffAsync(fixture, anna.AccessToken, Target);

        var id = Guid.NewGuid().ToString();
        await Messenger(fixture).SendToConnectionAsync(SignalRHubs.Staff, laptop.Connection.ConnectionId!, Target, [Message(id)]);
        await laptop.WaitForAsync(Target, id);
        var marker = Guid.NewGuid().ToString();
        await Messenger(fixture).SendToUserAsync(SignalRHubs.Staff, anna.Subject, Target, [Message(marker)]);
        await phone.WaitForAsync(Target, marker);
        Assert.Equal(0, phone.Count(Target, id));
    }

    [Fact]
    public async Task A_client_invoking_a_hub_method_is_disconnected_as_in_serverless_mode()
    {
        var anna = await StaffAsync(fixture, "Anna " + Guid.NewGuid());
        await using var client = await ConnectStaffAsync(fixture, anna.AccessToken, Target);
        await Assert.ThrowsAnyAsync<Exception>(() => client.Connection.InvokeAsync("SendToEveryone", "hello").WaitAsync(RecordingClient.Timeout));
        var closedWith = await client.ClosedWith.Task.WaitAsync(RecordingClient.Timeout);
        Assert.Contains("Serverless", closedWith?.Message);
    }

    [Fact]
    public async Task The_browser_way_of_sending_the_token_in_the_access_token_query_is_accepted()
    {
        var anna = await StaffAsync(fixture, "Anna " + Guid.NewGuid());
        var negotiated = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Post, "/api/staff/negotiate", anna.AccessToken));
        using var body = JsonDocument.Parse(await negotiated.Content.ReadAsStringAsync());
        var url = body.RootElement.GetProperty("url").GetString()!;
        var token = body.RootElement.GetProperty("accessToken").GetString()!;
        var negotiateUrl = url.Replace("/client/?", "/client/negotiate?") + "&negotiateVersion=1";

        var withQuery = await fixture.Client.PostAsync($"{negotiateUrl}&access_token={Uri.EscapeDataString(token)}", null);
        Assert.Equal(HttpStatusCode.OK, withQuery.StatusCode);
        Assert.Contains("connectionToken", await withQuery.Content.ReadAsStringAsync());

        var without = await fixture.Client.PostAsync(negotiateUrl, null);
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
    }
}
