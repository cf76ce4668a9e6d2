using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;
using Steunpunt.SelfTests.Funnel;

namespace Steunpunt.IntegrationTests.SelfTests;

[Collection(LocalHostCollection.Name)]
public class SelfTestFlowTests(LocalHostFixture fixture)
{
    private static object TraumaAnswers(int yes) => Enumerable.Range(1, 10).ToDictionary(i => $"q{i}", i => i <= yes ? "yes" : "no");

    private async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task Widgets_can_list_and_read_the_tests()
    {
        var list = await Json(await fixture.Client.GetAsync("/api/selftests"), HttpStatusCode.OK);
        Assert.Equal(["advice-test", "trauma-screen"], list.EnumerateArray().Select(t => t.GetProperty("id").GetString()));

        var definition = await Json(await fixture.Client.GetAsync("/api/selftests/trauma-screen"), HttpStatusCode.OK);
        Assert.Equal(1, definition.GetProperty("version").GetInt32());
        Assert.Equal(10, definition.GetProperty("items").GetArrayLength());
        Assert.Equal("Ja", definition.GetProperty("items")[0].GetProperty("options")[0].GetProperty("text").GetProperty("nl").GetString());
        Assert.False(definition.TryGetProperty("advice", out _)); // scoring rules and advice stay on the server
    }

    [Fact]
    public async Task An_unknown_test_is_a_404_problem()
    {
        var response = await fixture.Client.GetAsync("/api/selftests/nope");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_whole_funnel_from_view_to_contact_request_shows_in_the_insights()
    {
        var day = fixture.FreshDay();
        var session = Guid.NewGuid().ToString("N");
        var email = $"iemand-{session}@example.nl";
        foreach (var kind in new[] { "viewed", "viewed", "viewed", "started", "started" })
        {
            await Json(await fixture.Client.PostAsJsonAsync("/api/selftests/trauma-screen/events", new { @event = kind, source = "facebook", sessionId = session }), HttpStatusCode.Accepted);
        }
        var positive = await Json(await fixture.Client.PostAsJsonAsync("/api/selftests/trauma-screen/responses", new
        {
            version = 1,
            answers = TraumaAnswers(7),
            source = "facebook",
            sessionId = session,
            about = new { gender = "male", ageBand = "50-64", isVictim = true },
            contactRequest = new { channel = "email", contact = email },
        }), HttpStatusCode.OK);
        Assert.Equal(7, positive.GetProperty("score").GetInt32());
        Assert.Equal("positive", positive.GetProperty("screen").GetString());
        Assert.Equal("received", positive.GetProperty("contactRequest").GetProperty("status").GetString());
        Assert.Contains("diagnose", positive.GetProperty("notice").GetString());

        var english = await Json(await fixture.Client.PostAsJsonAsync("/api/selftests/advice-test/responses", new
        {
            version = 1,
            language = "en",
            answers = new Dictionary<string, string> { ["crime-type"] = "violence", ["injury"] = "yes", ["financial-damage"] = "no", ["police-report"] = "undecided", ["coping"] = "well" },
        }), HttpStatusCode.OK);
        Assert.Equal(["see-gp", "compensation-fund", "police-report-help", "talk-to-us"],
            english.GetProperty("advice").EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        // The contact request went through the queue and was stored by the queue function.
        var responseId = positive.GetProperty("responseId").GetGuid();
        var stored = await LocalHostFixture.EventuallyAsync(async () =>
            (await fixture.RowsAsync(StorageNames.Tables.SelfTestContactRequests, SelfTestEventStore.DayKey(day))).SingleOrDefault(r => r.RowKey == responseId.ToString("N")),
            "the contact request to be stored");
        Assert.Equal(email, stored.GetString("Contact"));
        Assert.Equal("new", stored.GetString("Status"));

        // Stored answers carry nothing personal: no contact detail next to the answers.
        var completed = (await fixture.RowsAsync(StorageNames.Tables.SelfTestEvents, SelfTestEventStore.DayKey(day))).Where(r => r.GetString("Kind") == "completed").ToList();
        Assert.All(completed, row => Assert.DoesNotContain(((IDictionary<string, object>)row).Values.OfType<string>(), v => v.Contains("example.nl")));

        var token = await fixture.StaffTokenAsync("staff");
        var insights = await Json(await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, $"/api/insights/selftests?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", token)), HttpStatusCode.OK);
        var trauma = insights.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("testId").GetString() == "trauma-screen");
        var facebook = trauma.GetProperty("bySource").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "facebook").GetProperty("counts");
        Assert.Equal(3, facebook.GetProperty("viewed").GetInt32());
        Assert.Equal(2, facebook.GetProperty("started").GetInt32());
        Assert.Equal(1, facebook.GetProperty("completed").GetInt32());
        Assert.Equal(1, facebook.GetProperty("contactRequested").GetInt32());
        Assert.Equal(0.6667, facebook.GetProperty("startRate").GetDouble());
        Assert.Equal(0.5, facebook.GetProperty("completionRate").GetDouble());
        Assert.Equal(1, trauma.GetProperty("completedBy").GetProperty("ageBand").GetProperty("50-64").GetInt32());
        Assert.Equal(1, trauma.GetProperty("screen").GetProperty("positive").GetInt32());
        var advice = insights.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("testId").GetString() == "advice-test");
        Assert.Equal(1, advice.GetProperty("bySource").EnumerateArray().Single().GetProperty("counts").GetProperty("completed").GetInt32());
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_and_nothing_is_stored_or_queued()
    {
        var day = fixture.FreshDay();
        var bad = new (string Path, string ContentType, string Body, HttpStatusCode Status, string Says)[]
        {
            ("/api/selftests/nope/responses", "application/json", """{"version":1,"answers":{}}""", HttpStatusCode.NotFound, "nope"),
            ("/api/selftests/trauma-screen/responses", "application/json", """{"version":9,"answers":{"q1":"yes"}}""", HttpStatusCode.BadRequest, "Versie 9"),
            ("/api/selftests/trauma-screen/responses", "application/json", """{"version":1,"answers":{"q1":"yes"}}""", HttpStatusCode.BadRequest, "fouten"),
            ("/api/selftests/trauma-screen/responses", "application/json", """{"version":1,"answers":{"q1":"yes"},"extra":true}""", HttpStatusCode.BadRequest, "extra"),
            ("/api/selftests/trauma-screen/responses", "text/plain", """{"version":1,"answers":{}}""", HttpStatusCode.UnsupportedMediaType, "application/json"),
            ("/api/selftests/trauma-screen/responses", "application/json", """{"version":1,""", HttpStatusCode.BadRequest, "JSON"),
            ("/api/selftests/trauma-screen/responses", "application/json", """{"version":1,"answers":{"q1":"yes"},"x":""" + "\"" + new string('x', 20_000) + "\"}", HttpStatusCode.RequestEntityTooLarge, "bytes"),
            ("/api/selftests/trauma-screen/events", "application/json", """{"event":"completed"}""", HttpStatusCode.BadRequest, "viewed"),
            ("/api/selftests/trauma-screen/events", "application/json", """{"event":"viewed","source":"tiktok"}""", HttpStatusCode.BadRequest, "tiktok"),
        };
        foreach (var (path, contentType, body, status, says) in bad)
        {
            var response = await fixture.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{path} {body[..Math.Min(60, body.Length)]}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains(says, text);
        }

        // A valid test but an invalid contact detail: refused whole, so the answers are not stored either.
        var withBadContact = await fixture.Client.PostAsJsonAsync("/api/selftests/trauma-screen/responses",
            new { version = 1, answers = TraumaAnswers(2), contactRequest = new { channel = "phone", contact = "0900 1234567" } });
        Assert.Equal(HttpStatusCode.BadRequest, withBadContact.StatusCode);
        Assert.Contains("contactRequest.contact", await withBadContact.Content.ReadAsStringAsync());

        Assert.Empty(await fixture.RowsAsync(StorageNames.Tables.SelfTestEvents, SelfTestEventStore.DayKey(day)));
        Assert.Empty(await fixture.RowsAsync(StorageNames.Tables.SelfTestContactRequests, SelfTestEventStore.DayKey(day)));
    }
}
