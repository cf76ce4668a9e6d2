using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;

namespace Steunpunt.IntegrationTests.Common;

/// <summary>
/// Every date the HTTP API reads, posted with parseable-but-extreme values through the local host: none answers 500,
/// each 400 is a validation problem naming the field, and a refused appointment stores nothing.
/// </summary>
[Collection(LocalHostCollection.Name)]
public class ExtremeDateInputTests(LocalHostFixture fixture)
{
    private const string Appointments = "/api/staff/appointments";

    /// <summary>Year 1 and 9999, the framework's extremes, ±14:00 at the edges, Amsterdam's DST gap and overlap.</summary>
    public static readonly string[] Instants =
    [
        "0001-01-01T00:00", "0001-01-01T00:00:00", "0001-01-01T00:00Z", "0001-01-01T00:00+14:00", "0001-01-01T00:00-14:00",
        "0001-01-01T13:59+14:00", "0001-01-01T14:00+14:00", "0001-01-02T00:00", "1900-01-01T00:00", "1937-07-01T00:00",
        "1970-01-01T00:00", "2026-03-29T02:30", "2026-03-29T02:30+01:00", "2026-03-29T02:30+02:00", "2026-10-25T02:30",
        "2026-10-25T02:30+01:00", "2026-10-25T02:30+02:00", "2027-03-28T02:00", "2027-10-31T02:59:59",
        "9999-12-31T23:59", "9999-12-31T23:59:59", "9999-12-31T23:59Z", "9999-12-31T23:59+14:00", "9999-12-31T23:59-14:00",
        "9999-12-31T10:00-14:00", "9999-12-31T09:59-14:00", "9998-12-31T23:59",
        DateTime.MinValue.ToString("o", CultureInfo.InvariantCulture), DateTime.MaxValue.ToString("o", CultureInfo.InvariantCulture),
        DateTimeOffset.MinValue.ToString("o", CultureInfo.InvariantCulture), DateTimeOffset.MaxValue.ToString("o", CultureInfo.InvariantCulture),
    ];

    public static readonly string[] Days = ["0001-01-01", "0001-01-02", "0001-01-29", "0001-01-30", "1900-01-01", "9998-12-31", "9999-12-30", "9999-12-31"];

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token, object? body = null)
    {
        var request = fixture.StaffRequest(method, url, token);
        if (body is not null) request.Content = JsonContent.Create(body, options: JsonDefaults.Web);
        return await fixture.Client.SendAsync(request);
    }

    private static async Task<string?> NotA500OrAProblemWithoutTheFieldAsync(string what, HttpResponseMessage response, params string[] fields)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.InternalServerError) return $"{what}: 500 {body}";
        if (response.StatusCode != HttpStatusCode.BadRequest) return null;
        var problem = JsonDocument.Parse(body).RootElement;
        return problem.GetProperty("type").GetString() == "urn:steunpunt:problem:validation"
            && problem.GetProperty("errors").EnumerateObject().Any(e => fields.Contains(e.Name))
            ? null : $"{what}: a 400 that names none of {string.Join(", ", fields)}: {body}";
    }

    private async Task<int> CountAsync(string table)
    {
        var count = 0;
        await foreach (var _ in fixture.Storage.Tables.GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey"])) count++;
        return count;
    }

    private static object Appointment(string startsAt) => new { startsAt, kind = "phone", consentToSms = false };

    [Fact]
    public async Task An_extreme_start_time_is_refused_naming_startsAt_and_nothing_is_stored_or_changed()
    {
        var token = await fixture.StaffTokenAsync("staff");
        // Far ahead, at an early hour: the reminder tests count appointments on the days just after the clock.
        var start = TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow().AddDays(360), TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        var startsAt = $"{start:yyyy-MM-dd}T06:45";
        var created = await SendAsync(HttpMethod.Post, Appointments, token, Appointment(startsAt));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var before = (await CountAsync(StorageNames.Tables.Appointments), await CountAsync(StorageNames.Tables.AppointmentDays));

        var failures = new List<string>();
        foreach (var value in Instants)
        {
            var post = await SendAsync(HttpMethod.Post, Appointments, token, Appointment(value));
            var put = await SendAsync(HttpMethod.Put, $"{Appointments}/{id}", token, Appointment(value));
            foreach (var (what, response) in new[] { ($"POST {value}", post), ($"PUT {value}", put) })
            {
                if (response.IsSuccessStatusCode) failures.Add($"{what}: accepted ({response.StatusCode})");
                else if (await NotA500OrAProblemWithoutTheFieldAsync(what, response, "startsAt") is { } failure) failures.Add(failure);
            }
        }

        Assert.Empty(failures);
        Assert.Equal(before, (await CountAsync(StorageNames.Tables.Appointments), await CountAsync(StorageNames.Tables.AppointmentDays)));
        var stored = JsonDocument.Parse(await (await SendAsync(HttpMethod.Get, $"{Appointments}/{id}", token)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("startsAt").GetDateTimeOffset(),
            stored.GetProperty("startsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Extreme_days_ranges_and_instants_in_queries_never_answer_500_and_each_400_names_its_field()
    {
        var token = await fixture.StaffTokenAsync("staff", "supervisor");
        var queries = new List<(string Url, string[] Fields)>();
        foreach (var value in Days.Concat(Instants))
        {
            var v = Uri.EscapeDataString(value);
            queries.Add(($"{Appointments}?day={v}", ["day"]));
            queries.Add(($"/api/staff/notifications?since={v}", ["since"]));
            foreach (var insights in new[] { "chats", "mail", "reminders", "selftests" })
            {
                queries.Add(($"/api/insights/{insights}?from={v}", ["from", "to"]));
                queries.Add(($"/api/insights/{insights}?to={v}", ["from", "to"]));
            }
        }
        foreach (var insights in new[] { "chats", "mail", "reminders", "selftests" })
        {
            foreach (var (from, to) in new[] { ("0001-01-01", "9999-12-31"), ("9999-12-31", "0001-01-01"), ("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-01"), ("2026-12-02", "2026-12-01") })
            {
                queries.Add(($"/api/insights/{insights}?from={from}&to={to}", ["from", "to"]));
            }
        }

        var failures = new List<string>();
        foreach (var (url, fields) in queries)
        {
            if (await NotA500OrAProblemWithoutTheFieldAsync($"GET {url}", await SendAsync(HttpMethod.Get, url, token), fields) is { } failure) failures.Add(failure);
        }

        Assert.Empty(failures);
    }
}
