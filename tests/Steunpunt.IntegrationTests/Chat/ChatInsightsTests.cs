using System.Net;
using System.Text.Json;
using static Steunpunt.IntegrationTests.Chat.ChatTestKit;
using static Steunpunt.IntegrationTests.Connectors.SignalR.SignalRTestKit;

namespace Steunpunt.IntegrationTests.Chat;

[Collection(LocalHostCollection.Name)]
public class ChatInsightsTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task Staff_see_the_whitepaper_measures_for_the_days_they_ask()
    {
        var monday = MoveTo(fixture.Clock, DayOfWeek.Monday, TimeSpan.FromHours(10));
        var staff = await StaffAsync(fixture, "Inge");
        var quick = await StartAsync(fixture, "sexual-offence", aboutPoliceReport: true);
        fixture.Clock.Advance(TimeSpan.FromSeconds(90));
        await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{quick.ChatId}/claim");
        await StaffSayAsync(fixture, staff.AccessToken, quick.ChatId, "Welkom.");
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{quick.ChatId}/close");
        await fixture.Client.SendAsync(VisitorRequest(HttpMethod.Post, $"/api/chats/{quick.ChatId}/satisfaction", quick, new { score = 4 }));

        fixture.Clock.Advance(TimeSpan.FromHours(9)); // 19:00 local: the evening shift
        var evening = await StartAsync(fixture, "burglary");
        await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{evening.ChatId}/claim");
        await StaffSayAsync(fixture, staff.AccessToken, evening.ChatId, "Goedenavond.");
        fixture.Clock.Advance(TimeSpan.FromMinutes(25));
        await SayAsync(fixture, evening, "Nog een vraag.");
        fixture.Clock.Advance(TimeSpan.FromMinutes(25));
        await SayAsync(fixture, evening, "En nog een.");
        fixture.Clock.Advance(TimeSpan.FromMinutes(25));
        await StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{evening.ChatId}/close");

        var day = monday.UtcDateTime.ToString("yyyy-MM-dd");
        var response = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, $"/api/insights/chats?from={day}&to={day}", staff.AccessToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var insights = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(2, insights.GetProperty("chats").GetInt32());
        Assert.Equal(1, insights.GetProperty("byShift").GetProperty("office").GetInt32());
        Assert.Equal(1, insights.GetProperty("byShift").GetProperty("evening").GetInt32());
        Assert.Equal(0.5, insights.GetProperty("sexualOffenceShare").GetDouble());
        Assert.Equal(0.5, insights.GetProperty("aboutPoliceReportShare").GetDouble());
        Assert.Equal(1, insights.GetProperty("duration").GetProperty("quickUnder15Minutes").GetInt32());
        Assert.Equal(1, insights.GetProperty("duration").GetProperty("overAnHour").GetInt32());
        Assert.Equal(1, insights.GetProperty("byHour")[10].GetProperty("chats").GetInt32());
        Assert.Equal(1, insights.GetProperty("byHour")[19].GetProperty("chats").GetInt32());
        Assert.Equal(90, insights.GetProperty("waiting").GetProperty("p90Seconds").GetDouble());
        Assert.Equal(1, insights.GetProperty("satisfaction").GetProperty("responses").GetInt32());
        Assert.Equal(1.0, insights.GetProperty("satisfaction").GetProperty("satisfiedShare").GetDouble());
    }

    [Fact]
    public async Task Insights_are_for_staff_only()
        => Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client.GetAsync("/api/insights/chats")).StatusCode);
}
