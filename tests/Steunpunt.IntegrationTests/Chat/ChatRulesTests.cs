using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Storage;
using Steunpunt.IntegrationTests.StaffNotifications;
using static Steunpunt.IntegrationTests.Chat.ChatTestKit;
using static Steunpunt.IntegrationTests.Connectors.SignalR.SignalRTestKit;

namespace Steunpunt.IntegrationTests.Chat;

/// <summary>Opening hours, bad input, tokens, limits, and the timers (with the controllable clock).</summary>
[Collection(LocalHostCollection.Name)]
public class ChatRulesTests(LocalHostFixture fixture)
{
    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? slug = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (slug is not null)
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal($"urn:steunpunt:problem:{slug}", body.RootElement.GetProperty("type").GetString());
        }
    }

    [Fact]
    public async Task Outside_opening_hours_starting_a_chat_is_a_clear_closed_answer_and_nothing_is_stored()
    {
        var saturday = MoveTo(fixture.Clock, DayOfWeek.Saturday, TimeSpan.FromHours(12));

        var availability = await fixture.Client.GetFromJsonAsync<JsonElement>("/api/chats/availability");
        var response = await fixture.Client.PostAsJsonAsync("/api/chats", new { topic = "burglary" });

        Assert.False(availability.GetProperty("open").GetBoolean());
        await AssertProblemAsync(response, HttpStatusCode.Conflict, "chat-closed");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var next = body.RootElement.GetProperty("nextOpening").GetDateTimeOffset();
        Assert.Equal(DayOfWeek.Monday, TimeZoneInfo.ConvertTime(next, Amsterdam).DayOfWeek);
        Assert.Equal(new TimeSpan(9, 0, 0), TimeZoneInfo.ConvertTime(next, Amsterdam).TimeOfDay);
        Assert.Contains("maandag", body.RootElement.GetProperty("detail").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("alternatives").GetProperty("mailFormUrl").GetString()));
        Assert.Empty(await fixture.RowsAsync(StorageNames.Tables.ChatStats, saturday.UtcDateTime.ToString("yyyyMMdd")));
    }

    [Fact]
    public async Task The_evening_shift_is_open()
    {
        MoveTo(fixture.Clock, DayOfWeek.Wednesday, new TimeSpan(19, 30, 0));
        Assert.True((await fixture.Client.GetFromJsonAsync<JsonElement>("/api/chats/availability")).GetProperty("open").GetBoolean());
    }

    [Theory]
    [InlineData("""{"topic":"ufo"}""")]
    [InlineData("""{"topic":"violence","extra":1}""")]
    [InlineData("""{"aboutPoliceReport":"ja"}""")]
    [InlineData("{")]
    public async Task Bad_start_requests_get_problem_details_and_store_nothing(string json)
    {
        var at = MoveToOpeningHours(fixture.Clock);
        var response = await fixture.Client.PostAsync("/api/chats", new StringContent(json, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Empty(await fixture.RowsAsync(StorageNames.Tables.ChatStats, at.UtcDateTime.ToString("yyyyMMdd")));
    }

    [Fact]
    public async Task Unknown_chats_missing_or_foreign_tokens_and_ended_chats_are_refused_and_nothing_is_stored()
    {
        MoveToOpeningHours(fixture.Clock);
        var mine = await StartAsync(fixture);
        var other = await StartAsync(fixture);

        await AssertProblemAsync(await fixture.Client.PostAsJsonAsync($"/api/chats/{mine.ChatId}/messages", new { text = "zonder token" }), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await SayAsync(fixture, mine with { Token = other.Token }, "met het token van een ander"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await SayAsync(fixture, mine with { ChatId = Guid.NewGuid().ToString("N") }, "onbekend"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await SayAsync(fixture, mine with { ChatId = "geen-chat-id" }, "onzin"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await SayAsync(fixture, mine, new string('a', 2001)), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await SayAsync(fixture, mine, "   "), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await SayAsync(fixture, mine, "bel\u0007"), HttpStatusCode.BadRequest);
        Assert.Empty((await VisitorViewAsync(fixture, mine)).GetProperty("messages").EnumerateArray());

        await fixture.Client.SendAsync(VisitorRequest(HttpMethod.Post, $"/api/chats/{mine.ChatId}/close", mine));
        await AssertProblemAsync(await SayAsync(fixture, mine, "na afloop"), HttpStatusCode.Conflict, "chat-ended");
        // The session and the closing line, nothing else.
        Assert.Equal(["m0000000001", ChatSession.RowKeyValue], (await fixture.RowsAsync(StorageNames.Tables.Chats, mine.ChatId)).Select(r => r.RowKey).Order());
    }

    [Fact]
    public async Task A_change_made_by_another_instance_is_seen_by_the_next_message()
    {
        MoveToOpeningHours(fixture.Clock);
        var visitor = await StartAsync(fixture);
        var other = await StartAsync(fixture);
        Assert.Equal(HttpStatusCode.Created, (await SayAsync(fixture, visitor, "eerste")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SayAsync(fixture, other, "eerste")).StatusCode);

        // Another instance (its own store, so none of this instance's memory) closes one chat and erases the other.
        var elsewhere = new ChatStore(fixture.Storage);
        var session = (await elsewhere.FindAsync(visitor.ChatId, default))!;
        session.State = ChatStates.Closed;
        Assert.True(await elsewhere.TryUpdateAsync(session, default));
        await elsewhere.LeaveIndexAsync(session, default);
        await elsewhere.LeaveIndexAsync((await elsewhere.FindAsync(other.ChatId, default))!, default);
        await elsewhere.EraseAsync(other.ChatId, default);

        await AssertProblemAsync(await SayAsync(fixture, visitor, "tweede"), HttpStatusCode.Conflict, "chat-ended");
        await AssertProblemAsync(await SayAsync(fixture, other, "tweede"), HttpStatusCode.NotFound);
        Assert.Single((await VisitorViewAsync(fixture, visitor)).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task A_claimed_chat_closed_or_handed_over_by_another_instance_takes_no_message_from_before_the_change()
    {
        MoveToOpeningHours(fixture.Clock);
        var first = await StaffAsync(fixture, "Eerste " + Guid.NewGuid().ToString("N")[..6]);
        var second = await StaffAsync(fixture, "Tweede " + Guid.NewGuid().ToString("N")[..6]);
        var closing = await StartAsync(fixture);
        var handedOver = await StartAsync(fixture);
        foreach (var chat in new[] { closing, handedOver })
        {
            await StaffPostAsync(fixture, first.AccessToken, $"/api/staff/chats/{chat.ChatId}/claim");
            // Two messages each way: after these, this instance adds a message without reading or writing the session.
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await SayAsync(fixture, chat, $"bezoeker {i}")).StatusCode);
                Assert.Equal(HttpStatusCode.Created, (await StaffSayAsync(fixture, first.AccessToken, chat.ChatId, $"medewerker {i}")).StatusCode);
            }
        }

        // Another instance (its own store: none of this instance's memory) closes one chat and hands the other over.
        var elsewhere = new ChatStore(fixture.Storage);
        var session = (await elsewhere.FindAsync(closing.ChatId, default))!;
        session.State = ChatStates.Closed;
        Assert.True(await Steunpunt.Chat.ChatMessages.TrySaveWithLineAsync(elsewhere, session, "Het gesprek is beëindigd.", fixture.Clock, default));
        var other = (await elsewhere.FindAsync(handedOver.ChatId, default))!;
        other.StaffId = second.Subject;
        Assert.True(await Steunpunt.Chat.ChatMessages.TrySaveWithLineAsync(elsewhere, other, "Tweede neemt het gesprek over.", fixture.Clock, default));

        await AssertProblemAsync(await SayAsync(fixture, closing, "na afloop"), HttpStatusCode.Conflict, "chat-ended");
        await AssertProblemAsync(await StaffSayAsync(fixture, first.AccessToken, closing.ChatId, "na afloop"), HttpStatusCode.Conflict, "chat-ended");
        await AssertProblemAsync(await StaffSayAsync(fixture, first.AccessToken, handedOver.ChatId, "niet meer van mij"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await SayAsync(fixture, handedOver, "hallo?")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await StaffSayAsync(fixture, second.AccessToken, handedOver.ChatId, "ik ben er")).StatusCode);

        Assert.Equal(["visitor", "staff", "visitor", "staff", "system"], await FromsAsync(closing.ChatId));
        Assert.Equal(["visitor", "staff", "visitor", "staff", "system", "visitor", "staff"], await FromsAsync(handedOver.ChatId));
    }

    [Fact]
    public async Task Messages_from_both_sides_at_once_each_get_their_own_number_and_none_is_lost()
    {
        MoveToOpeningHours(fixture.Clock);
        var staff = await StaffAsync(fixture, "Vera " + Guid.NewGuid().ToString("N")[..6]);
        var visitor = await StartAsync(fixture);
        await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{visitor.ChatId}/claim");
        Assert.Equal(HttpStatusCode.Created, (await SayAsync(fixture, visitor, "begin")).StatusCode);

        // Eight at once: the staff member, and a visitor with several tabs open, all typing fast.
        var sends = Enumerable.Range(0, 8).Select(i => i % 2 == 0
            ? SayAsync(fixture, visitor, $"bezoeker {i}")
            : StaffSayAsync(fixture, staff.AccessToken, visitor.ChatId, $"medewerker {i}"));
        var answers = await Task.WhenAll(sends);

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Created, $"{(int)a.StatusCode}: {a.Content.ReadAsStringAsync().Result}"));
        var numbers = await Task.WhenAll(answers.Select(async a => JsonDocument.Parse(await a.Content.ReadAsStringAsync()).RootElement.GetProperty("seq").GetInt32()));
        Assert.Equal(Enumerable.Range(2, 8), numbers.Order());
        var transcript = (await VisitorViewAsync(fixture, visitor)).GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 9), transcript.Select(m => m.GetProperty("seq").GetInt32()));
        Assert.Equal(9, transcript.Select(m => m.GetProperty("text").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task A_reader_whose_cursor_is_past_the_last_message_gets_the_last_number_back()
    {
        MoveToOpeningHours(fixture.Clock);
        var staff = await StaffAsync(fixture, "Kees " + Guid.NewGuid().ToString("N")[..6]);
        var visitor = await StartAsync(fixture);
        await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{visitor.ChatId}/claim");
        for (var i = 0; i < 3; i++) await SayAsync(fixture, visitor, $"bericht {i}");

        Assert.Equal(3, (await VisitorViewAsync(fixture, visitor, after: 3)).GetProperty("cursor").GetInt32());
        Assert.Equal(3, (await VisitorViewAsync(fixture, visitor, after: 40)).GetProperty("cursor").GetInt32());
        Assert.Equal(2, (await VisitorViewAsync(fixture, visitor, after: 1)).GetProperty("messages").GetArrayLength());
    }

    private async Task<List<string>> FromsAsync(string chatId)
    {
        var rows = await fixture.RowsAsync(StorageNames.Tables.Chats, chatId);
        return rows.Where(r => r.RowKey != ChatSession.RowKeyValue).OrderBy(r => r.RowKey).Select(r => r.GetString("From")).ToList();
    }

    [Fact]
    public async Task A_chat_that_sends_too_fast_is_slowed_down()
    {
        MoveToOpeningHours(fixture.Clock);
        var visitor = await StartAsync(fixture);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 31; i++) answers.Add(await SayAsync(fixture, visitor, $"snel {i}"));

        Assert.Equal(30, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var limited = answers.Single(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        await AssertProblemAsync(limited, HttpStatusCode.TooManyRequests, "rate-limited");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task One_address_can_start_only_so_many_chats_an_hour()
    {
        MoveToOpeningHours(fixture.Clock);
        var address = $"192.0.2.{Random.Shared.Next(1, 255)}";
        for (var i = 0; i < 10; i++) await StartAsync(fixture, address: address);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chats") { Content = JsonContent.Create(new { topic = "other" }) };
        request.Headers.Add("X-Forwarded-For", "10.0.0.1, " + address);
        await AssertProblemAsync(await fixture.Client.SendAsync(request), HttpStatusCode.TooManyRequests, "rate-limited");
    }

    [Fact]
    public async Task Staff_endpoints_need_a_staff_token()
    {
        MoveToOpeningHours(fixture.Clock);
        var visitor = await StartAsync(fixture);
        await AssertProblemAsync(await fixture.Client.PostAsync($"/api/staff/chats/{visitor.ChatId}/claim", null), HttpStatusCode.Unauthorized);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/chats/waiting");
        request.Headers.Add(VisitorTokens.Header, visitor.Token);
        await AssertProblemAsync(await fixture.Client.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_chat_waiting_too_long_alerts_staff_once_and_an_idle_chat_is_closed()
    {
        MoveToOpeningHours(fixture.Clock);
        var staff = await StaffAsync(fixture, "Noor");
        await using var console = await ConnectStaffAsync(fixture, staff);
        var visitor = await StartAsync(fixture);
        await using var widget = await ConnectVisitorAsync(fixture, visitor);

        fixture.Clock.Advance(TimeSpan.FromMinutes(6));
        await RunAsync("SweepChats");
        await RunAsync("SweepChats");
        await console.WaitForAsync("notification", e => Reference(visitor.ChatId)(e) && e.GetProperty("kind").GetString() == "chat-waiting-too-long", "the waiting-too-long alert");

        fixture.Clock.Advance(TimeSpan.FromMinutes(30));
        await RunAsync("SweepChats");
        await widget.WaitForAsync(Steunpunt.Chat.ChatEvents.State, e => ForChat(visitor.ChatId)(e) && e.GetProperty("state").GetString() == "closed", "the idle close");
        // Every alert the sweeps queued has been pushed once the queue is drained, and a sentinel pushed after them to the
        // same connection arrives after them. Two sweeps at once may both push (delivery is at least once), but always as the
        // one notification: the same id, which the console shows once.
        await fixture.DrainedAsync(StorageNames.Queues.StaffNotifications);
        await StaffNotificationTestKit.EnqueueUntilPushedAsync(fixture, console, StaffNotificationTestKit.New(fixture));
        var alerts = console.Received
            .Where(m => m.Target == "notification" && Reference(visitor.ChatId)(m.Argument) && m.Argument.GetProperty("kind").GetString() == "chat-waiting-too-long")
            .Select(m => m.Argument.GetProperty("id").GetGuid())
            .Distinct();
        Assert.Single(alerts);
        Assert.Equal("closed", (await VisitorViewAsync(fixture, visitor)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Transcripts_are_purged_after_the_retention_period_and_the_statistics_stay()
    {
        var at = MoveToOpeningHours(fixture.Clock);
        var staff = await StaffAsync(fixture, "Bram");
        var visitor = await StartAsync(fixture, "fraud");
        await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{visitor.ChatId}/claim");
        await SayAsync(fixture, visitor, "Ik ben opgelicht.");
        await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{visitor.ChatId}/close");

        fixture.Clock.Advance(TimeSpan.FromDays(29));
        await RunAsync("PurgeChatTranscripts");
        Assert.NotEmpty(await fixture.RowsAsync(StorageNames.Tables.Chats, visitor.ChatId));

        fixture.Clock.Advance(TimeSpan.FromDays(2));
        await RunAsync("PurgeChatTranscripts");
        Assert.Empty(await fixture.RowsAsync(StorageNames.Tables.Chats, visitor.ChatId));
        var stats = Assert.Single(await fixture.RowsAsync(StorageNames.Tables.ChatStats, at.UtcDateTime.ToString("yyyyMMdd")), r => r.RowKey == visitor.ChatId);
        Assert.True(stats.GetBoolean("TranscriptErased"));
        Assert.Equal("fraud", stats.GetString("Topic"));
    }

    private async Task RunAsync(string function)
        => Assert.Equal(HttpStatusCode.Accepted, (await fixture.Client.PostAsJsonAsync($"/admin/functions/{function}", new { })).StatusCode);
}
