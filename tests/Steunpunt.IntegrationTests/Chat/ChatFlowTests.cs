using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steunpunt.Chat;
using Steunpunt.Common.Storage;
using static Steunpunt.IntegrationTests.Chat.ChatTestKit;
using static Steunpunt.IntegrationTests.Connectors.SignalR.SignalRTestKit;

namespace Steunpunt.IntegrationTests.Chat;

/// <summary>A visitor and a staff member, each with a real SignalR client, through the whole chat.</summary>
[Collection(LocalHostCollection.Name)]
public class ChatFlowTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_visitor_and_a_staff_member_chat_in_real_time_from_start_to_rating()
    {
        MoveToOpeningHours(fixture.Clock);
        var staff = await StaffAsync(fixture, "Sanne " + Guid.NewGuid().ToString("N")[..6]);
        await using var console = await ConnectStaffAsync(fixture, staff);

        var visitor = await StartAsync(fixture, "sexual-offence", aboutPoliceReport: true);
        await using var widget = await ConnectVisitorAsync(fixture, visitor);

        // Staff hear of the waiting chat through the staff-notifications queue.
        var waiting = await console.WaitForAsync("notification", Reference(visitor.ChatId), "the chat-waiting notification");
        Assert.Equal("chat-waiting", waiting.GetProperty("kind").GetString());
        Assert.Equal("sexual-offence", waiting.GetProperty("details").GetProperty("topic").GetString());

        var list = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, "/api/staff/chats/waiting", staff.AccessToken));
        var entry = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("waiting").EnumerateArray()
            .Single(w => w.GetProperty("id").GetString() == visitor.ChatId);
        Assert.True(entry.GetProperty("aboutPoliceReport").GetBoolean());

        var claim = await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{visitor.ChatId}/claim");
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        var active = await widget.WaitForAsync(ChatEvents.State, e => ForChat(visitor.ChatId)(e) && e.GetProperty("state").GetString() == "active", "state active");
        Assert.Equal("Sanne", active.GetProperty("staffName").GetString());

        Assert.Equal(HttpStatusCode.Created, (await SayAsync(fixture, visitor, "Moet ik aangifte doen?")).StatusCode);
        var atStaff = await console.WaitForAsync(ChatEvents.Message, e => ForChat(visitor.ChatId)(e) && e.GetProperty("seq").GetInt32() == 1, "the visitor's message");
        Assert.Equal("Moet ik aangifte doen?", atStaff.GetProperty("text").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{visitor.ChatId}/typing")).StatusCode);
        await widget.WaitForAsync(ChatEvents.Typing, ForChat(visitor.ChatId), "staff typing");

        Assert.Equal(HttpStatusCode.Created, (await StaffSayAsync(fixture, staff.AccessToken, visitor.ChatId, "Dat mag u zelf beslissen. Ik leg uit wat het inhoudt.")).StatusCode);
        var atVisitor = await widget.WaitForAsync(ChatEvents.Message, e => ForChat(visitor.ChatId)(e) && e.GetProperty("seq").GetInt32() == 2, "the staff member's answer");
        Assert.Equal("staff", atVisitor.GetProperty("from").GetString());
        Assert.Equal("Sanne", atVisitor.GetProperty("staffName").GetString());

        Assert.Equal(HttpStatusCode.OK, (await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{visitor.ChatId}/close")).StatusCode);
        await widget.WaitForAsync(ChatEvents.State, e => ForChat(visitor.ChatId)(e) && e.GetProperty("state").GetString() == "closed", "state closed");

        var view = await VisitorViewAsync(fixture, visitor);
        Assert.Equal("closed", view.GetProperty("state").GetString());
        Assert.True(view.GetProperty("canRate").GetBoolean());
        var transcript = view.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["visitor", "staff", "system"], transcript.Select(m => m.GetProperty("from").GetString()));
        Assert.Equal("Het gesprek is beëindigd.", transcript[2].GetProperty("text").GetString());
        Assert.Equal(3, transcript[2].GetProperty("seq").GetInt32());

        var rate = await fixture.Client.SendAsync(VisitorRequest(HttpMethod.Post, $"/api/chats/{visitor.ChatId}/satisfaction", visitor, new { score = 5, comment = "Fijn dat dit anoniem kon." }));
        Assert.Equal(HttpStatusCode.OK, rate.StatusCode);
        var again = await fixture.Client.SendAsync(VisitorRequest(HttpMethod.Post, $"/api/chats/{visitor.ChatId}/satisfaction", visitor, new { score = 1 }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_visitor_who_reconnects_resumes_from_the_last_message_they_have()
    {
        MoveToOpeningHours(fixture.Clock);
        var staff = await StaffAsync(fixture, "Joost");
        var visitor = await StartAsync(fixture);
        await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{visitor.ChatId}/claim");
        for (var i = 1; i <= 3; i++) await SayAsync(fixture, visitor, $"bericht {i}");
        await StaffSayAsync(fixture, staff.AccessToken, visitor.ChatId, "antwoord");

        var resumed = await VisitorViewAsync(fixture, visitor, after: 2);

        Assert.Equal([3, 4], resumed.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("seq").GetInt32()));
        Assert.Equal(4, resumed.GetProperty("cursor").GetInt32());
        Assert.Empty((await VisitorViewAsync(fixture, visitor, after: 4)).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Of_colleagues_claiming_the_same_chat_at_once_exactly_one_wins()
    {
        MoveToOpeningHours(fixture.Clock);
        var visitor = await StartAsync(fixture);
        var colleagues = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => StaffAsync(fixture, $"Collega{i} {Guid.NewGuid():N}")));

        var answers = await Task.WhenAll(colleagues.Select(c => StaffPostAsync(fixture, c.AccessToken, $"/api/staff/chats/{visitor.ChatId}/claim")));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var winner = colleagues[Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.OK)];
        var view = JsonDocument.Parse(await (await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, $"/api/staff/chats/{visitor.ChatId}", winner.AccessToken))).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(winner.Subject, view.GetProperty("staffId").GetString());
        var loser = colleagues.First(c => c != winner);
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffSayAsync(fixture, loser.AccessToken, visitor.ChatId, "ik ook")).StatusCode);
    }

    [Fact]
    public async Task Waiting_visitors_hear_their_place_move_up_when_a_chat_ahead_is_taken()
    {
        MoveToOpeningHours(fixture.Clock);
        var staff = await StaffAsync(fixture, "Mila");
        // Claim whatever earlier tests left waiting, so these two are first and second.
        foreach (var chat in JsonDocument.Parse(await (await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, "/api/staff/chats/waiting", staff.AccessToken))).Content.ReadAsStringAsync())
                     .RootElement.GetProperty("waiting").EnumerateArray())
        {
            await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{chat.GetProperty("id").GetString()}/close");
        }
        var first = await StartAsync(fixture);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await StartAsync(fixture);
        await using var secondWidget = await ConnectVisitorAsync(fixture, second);
        Assert.Equal(2, (await VisitorViewAsync(fixture, second)).GetProperty("position").GetInt32());

        await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{first.ChatId}/claim");

        var moved = await secondWidget.WaitForAsync(ChatEvents.QueuePosition, ForChat(second.ChatId), "a new queue position");
        Assert.Equal(1, moved.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Staff_hear_the_waiting_list_changed_when_a_visitor_starts_a_chat()
    {
        MoveToOpeningHours(fixture.Clock);
        var staff = await StaffAsync(fixture, "Noor " + Guid.NewGuid().ToString("N")[..6]);
        await using var console = await ConnectStaffAsync(fixture, staff);

        var visitor = await StartAsync(fixture);

        var changed = await console.WaitForAsync(ChatEvents.WaitingListChanged,
            e => e.TryGetProperty("joined", out var joined) && joined.GetString() == visitor.ChatId, "the chat that joined");
        Assert.True(changed.GetProperty("waiting").GetInt32() >= 1);
    }

    [Fact]
    public async Task A_chat_can_be_handed_to_a_colleague_who_then_has_it()
    {
        MoveToOpeningHours(fixture.Clock);
        var first = await StaffAsync(fixture, "Eerste " + Guid.NewGuid().ToString("N")[..6]);
        var second = await StaffAsync(fixture, "Tweede " + Guid.NewGuid().ToString("N")[..6]);
        await using var secondConsole = await ConnectStaffAsync(fixture, second);
        var visitor = await StartAsync(fixture);
        await StaffPostAsync(fixture, first.AccessToken, $"/api/staff/chats/{visitor.ChatId}/claim");

        var transfer = await StaffPostAsync(fixture, first.AccessToken, $"/api/staff/chats/{visitor.ChatId}/transfer", new { staffId = second.Subject, staffName = "Tweede" });

        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        await secondConsole.WaitForAsync("chatTransferred", ForChat(visitor.ChatId), "the transfer");
        await SayAsync(fixture, visitor, "Hallo?");
        await secondConsole.WaitForAsync(ChatEvents.Message, ForChat(visitor.ChatId), "the visitor's message at the new owner");
        Assert.Equal(HttpStatusCode.Forbidden, (await StaffSayAsync(fixture, first.AccessToken, visitor.ChatId, "nog iets")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await StaffSayAsync(fixture, second.AccessToken, visitor.ChatId, "Ik neem het over.")).StatusCode);
        var transcript = (await VisitorViewAsync(fixture, visitor)).GetProperty("messages").EnumerateArray()
            .Select(m => (m.GetProperty("seq").GetInt32(), m.GetProperty("from").GetString(), m.GetProperty("text").GetString()));
        Assert.Equal([(1, "system", "Tweede neemt het gesprek over."), (2, "visitor", "Hallo?"), (3, "staff", "Ik neem het over.")], transcript);
    }

    [Fact]
    public async Task Delete_my_conversation_erases_the_transcript_but_the_statistics_stay()
    {
        var at = MoveToOpeningHours(fixture.Clock);
        var visitor = await StartAsync(fixture, "stalking");
        await SayAsync(fixture, visitor, "Iemand volgt mij.");

        var deleted = await fixture.Client.SendAsync(VisitorRequest(HttpMethod.Delete, $"/api/chats/{visitor.ChatId}", visitor));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.SendAsync(VisitorRequest(HttpMethod.Get, $"/api/chats/{visitor.ChatId}", visitor))).StatusCode);
        // No session and no text left; only the numbers stay taken (empty rows) until the transcript purge.
        var rows = await fixture.RowsAsync(StorageNames.Tables.Chats, visitor.ChatId);
        Assert.Equal(["m0000000001", "m0000000002"], rows.Select(r => r.RowKey).Order());
        Assert.All(rows, r => Assert.Empty(r.Keys.Except(["PartitionKey", "RowKey", "Timestamp", "odata.etag"])));
        Assert.Equal(HttpStatusCode.NotFound, (await SayAsync(fixture, visitor, "nog één bericht uit een ander tabblad")).StatusCode);
        var stats = Assert.Single(await fixture.RowsAsync(StorageNames.Tables.ChatStats, at.UtcDateTime.ToString("yyyyMMdd")), r => r.RowKey == visitor.ChatId);
        Assert.Equal("stalking", stats.GetString("Topic"));
        Assert.True(stats.GetBoolean("ErasedByVisitor"));
    }
}
