using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Steunpunt.IntegrationTests.Chat.ChatTestKit;
using static Steunpunt.IntegrationTests.Connectors.SignalR.SignalRTestKit;

namespace Steunpunt.IntegrationTests.Common;

/// <summary>One text rule for every input, staff as well as visitors; numbers are numbers.</summary>
[Collection(LocalHostCollection.Name)]
public class StrictInputTests(LocalHostFixture fixture)
{
    private static async Task AssertValidationAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("urn:steunpunt:problem:validation", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names '{field}': {problem}");
    }

    [Fact]
    public async Task A_transfer_with_control_characters_in_the_staff_name_is_refused_and_the_transcript_keeps_no_line()
    {
        MoveToOpeningHours(fixture.Clock);
        var first = await StaffAsync(fixture, "Eerste " + Guid.NewGuid().ToString("N")[..6]);
        var second = await StaffAsync(fixture, "Tweede " + Guid.NewGuid().ToString("N")[..6]);
        var visitor = await StartAsync(fixture);
        Assert.Equal(HttpStatusCode.OK, (await StaffPostAsync(fixture, first.AccessToken, $"/api/staff/chats/{visitor.ChatId}/claim")).StatusCode);

        var transfer = await StaffPostAsync(fixture, first.AccessToken, $"/api/staff/chats/{visitor.ChatId}/transfer",
            new { staffId = second.Subject, staffName = "Tweede\u001b[2J\0" });

        await AssertValidationAsync(transfer, "staffName");
        var view = await VisitorViewAsync(fixture, visitor);
        Assert.DoesNotContain(view.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString()!.Contains('\u001b'));
    }

    [Theory]
    [InlineData("text", "Beste,\0 hier is ons antwoord.")]
    [InlineData("html", "<p>Beste,\u001b hier is ons antwoord.</p>")]
    public async Task A_staff_reply_with_control_characters_is_refused(string field, string reply)
    {
        var staff = await StaffAsync(fixture, "Femke " + Guid.NewGuid().ToString("N")[..6]);
        var response = await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/mail/{Guid.NewGuid()}/replies",
            new Dictionary<string, string> { [field] = reply });
        await AssertValidationAsync(response, field);
    }

    [Fact]
    public async Task A_number_sent_as_a_string_is_refused_naming_the_field()
    {
        var test = JsonDocument.Parse(await fixture.Client.GetStringAsync("/api/selftests")).RootElement.EnumerateArray().First();
        var response = await fixture.Client.PostAsJsonAsync($"/api/selftests/{test.GetProperty("id").GetString()}/events",
            new { @event = "started", version = test.GetProperty("version").GetInt32().ToString() });
        await AssertValidationAsync(response, "version");
    }
}
