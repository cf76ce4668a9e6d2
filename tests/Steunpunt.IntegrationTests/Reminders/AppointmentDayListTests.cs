using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steunpunt.Common.Json;

namespace Steunpunt.IntegrationTests.Reminders;

/// <summary>The staff list of a local day's appointments through the local host and Azurite.</summary>
[Collection(LocalHostCollection.Name)]
public class AppointmentDayListTests(LocalHostFixture fixture)
{
    private const string List = "/api/staff/appointments";
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static string NewPhone() => "+3161" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token, object? body = null)
    {
        var request = fixture.StaffRequest(method, url, token);
        if (body is not null) request.Content = JsonContent.Create(body, options: JsonDefaults.Web);
        return await fixture.Client.SendAsync(request);
    }

    private async Task<string> CreateAsync(string token, DateOnly day, int hour, int minute, string phone)
    {
        var response = await SendAsync(HttpMethod.Post, List, token,
            new { startsAt = $"{Day(day)}T{hour:D2}:{minute:D2}", kind = "office", place = "Stationsplein 1, Utrecht", phoneNumber = phone, consentToSms = false });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private Task<(List<JsonElement> Items, List<string> Bodies)> DayAsync(string token, DateOnly day, int limit)
        => StaffPages.AllAsync(fixture, token, $"{List}?day={Day(day)}&", "appointments", limit,
            page => Assert.Equal(Day(day), page.GetProperty("day").GetString()));

    private static List<string?> Ids(IEnumerable<JsonElement> items, IReadOnlyCollection<string> mine)
        => items.Select(e => e.GetProperty("id").GetString()).Where(id => mine.Contains(id!)).ToList();

    [Fact]
    public async Task Staff_list_a_local_day_earliest_first_a_page_at_a_time_with_the_phone_number_masked()
    {
        fixture.FreshDay();
        var token = await fixture.StaffTokenAsync("staff");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), Amsterdam).DateTime).AddDays(5);
        var phones = new[] { NewPhone(), NewPhone(), NewPhone(), NewPhone() };
        // Made out of order; 00:30 local is the previous day in UTC, and 00:30 the next day is still this day in UTC.
        var afternoon = await CreateAsync(token, day, 15, 0, phones[0]);
        var nextNight = await CreateAsync(token, day.AddDays(1), 0, 30, phones[1]);
        var night = await CreateAsync(token, day, 0, 30, phones[2]);
        var morning = await CreateAsync(token, day, 9, 30, phones[3]);
        string[] mine = [afternoon, nextNight, night, morning];

        var (items, bodies) = await DayAsync(token, day, limit: 2);

        Assert.Equal([night, morning, afternoon], Ids(items, mine));
        Assert.True(bodies.Count >= 2, "Three appointments at two a page take two pages or more.");
        var starts = items.Select(e => e.GetProperty("startsAt").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.All(items, e => Assert.StartsWith(Day(day) + "T", e.GetProperty("startsAtLocal").GetString()));
        var first = items.Single(e => e.GetProperty("id").GetString() == night);
        Assert.Equal(new string('•', phones[2].Length - 3) + phones[2][^3..], first.GetProperty("phoneNumber").GetString());
        foreach (var phone in phones) Assert.DoesNotContain(bodies, b => b.Contains(phone[^7..], StringComparison.Ordinal));
        Assert.Equal([nextNight], Ids((await DayAsync(token, day.AddDays(1), limit: 50)).Items, mine));
    }

    [Fact]
    public async Task A_moved_appointment_shows_on_its_new_day_only_and_a_cancelled_one_stays_marked_cancelled()
    {
        fixture.FreshDay();
        var token = await fixture.StaffTokenAsync("staff");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), Amsterdam).DateTime).AddDays(4);
        var phone = NewPhone();
        var moved = await CreateAsync(token, day, 10, 0, phone);
        var laterSameDay = await CreateAsync(token, day, 11, 0, NewPhone());
        var cancelled = await CreateAsync(token, day, 12, 0, NewPhone());
        string[] mine = [moved, laterSameDay, cancelled];

        var update = await SendAsync(HttpMethod.Put, $"{List}/{moved}", token,
            new { startsAt = $"{Day(day.AddDays(1))}T08:15", kind = "phone", phoneNumber = phone, consentToSms = false });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        // Within the day too: 11:00 moved to 13:00 comes after the cancelled 12:00.
        var later = await SendAsync(HttpMethod.Put, $"{List}/{laterSameDay}", token,
            new { startsAt = $"{Day(day)}T13:00", kind = "office", consentToSms = false });
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, $"{List}/{cancelled}/cancel", token)).StatusCode);

        var items = (await DayAsync(token, day, limit: 50)).Items;
        Assert.Equal([cancelled, laterSameDay], Ids(items, mine));
        Assert.Equal("cancelled", items.Single(e => e.GetProperty("id").GetString() == cancelled).GetProperty("status").GetString());
        var next = (await DayAsync(token, day.AddDays(1), limit: 50)).Items;
        Assert.Equal([moved], Ids(next, mine));
        Assert.Equal(2, next.Single(e => e.GetProperty("id").GetString() == moved).GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("?day=2026-13-01", "day")]
    [InlineData("?day=03-12-2026", "day")]
    [InlineData("?day=morgen", "day")]
    [InlineData("?day=2026-12-03&limit=0", "limit")]
    [InlineData("?day=2026-12-03&cursor=%2A%2A", "cursor")]
    [InlineData("?day=2026-12-03&cursor=b3Blbg", "cursor")]
    public async Task A_bad_day_or_page_is_a_400_problem_in_Dutch_that_names_the_parameter(string query, string parameter)
    {
        var response = await SendAsync(HttpMethod.Get, List + query, await fixture.StaffTokenAsync("staff"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var messages), problem.ToString());
        Assert.Matches("(jjjj-mm-dd|vorige antwoord|1 tot en met 100)", messages[0].GetString());
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task The_first_and_last_days_of_the_calendar_are_empty_lists_not_errors(string day)
    {
        var response = await SendAsync(HttpMethod.Get, $"{List}?day={day}", await fixture.StaffTokenAsync("staff"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Empty(JsonDocument.Parse(body).RootElement.GetProperty("appointments").EnumerateArray());
    }

    [Fact]
    public async Task Without_a_staff_token_no_day_is_listed()
        => Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client.GetAsync($"{List}?day=2026-12-03")).StatusCode);
}
