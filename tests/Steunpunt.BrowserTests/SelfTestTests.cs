using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Steunpunt.IntegrationTests;

namespace Steunpunt.BrowserTests;

/// <summary>
/// The self-help test on the demo page: the list, the trauma screen from its definition, errors from the problem
/// details, the advice with the "screens, does not diagnose" notice, a contact request staff can open, and the
/// funnel counted under the page's utm_source; axe in every state.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SelfTestTests(BrowserFixture fixture)
{
    private const string Test = nameof(SelfTestTests);

    [Fact]
    public async Task Trauma_screen_to_advice_to_a_contact_request_staff_see_counted_under_its_source()
    {
        var phone = "06 1" + Random.Shared.Next(1_000_000, 9_999_999);
        var page = await fixture.NewPageAsync();
        var sent = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/selftests")) sent.Add(request.Method + " " + new Uri(request.Url).AbsolutePath); };
        await page.GotoAsync(fixture.BaseUrl + "/demo/?utm_source=facebook#zelftest");
        var widget = page.Locator("steunpunt-selftest");
        await Assertions.Expect(widget.GetByRole(AriaRole.Button, new() { Name = "Bekijk de zelftests" })).ToBeVisibleAsync();
        Assert.Empty(sent); // nothing before the visitor opens it
        await Accessibility.AssertNoViolationsAsync(page, Test, "1-closed");

        await widget.GetByRole(AriaRole.Button, new() { Name = "Bekijk de zelftests" }).ClickAsync();
        var trauma = widget.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("schokkende gebeurtenis") });
        await Assertions.Expect(trauma).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, Test, "2-list");

        await trauma.ClickAsync();
        var questions = widget.Locator("fieldset[data-item]");
        await Assertions.Expect(questions).ToHaveCountAsync(10);
        await Accessibility.AssertNoViolationsAsync(page, Test, "3-questionnaire");

        // Two answers, then send: the server names the unanswered items, shown at their questions.
        await questions.Nth(0).GetByLabel("Ja").CheckAsync();
        await questions.Nth(1).GetByLabel("Ja").CheckAsync();
        await widget.GetByRole(AriaRole.Button, new() { Name = "Bekijk mijn advies" }).ClickAsync();
        await Assertions.Expect(questions.Nth(2)).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(questions.Nth(0)).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(widget.GetByRole(AriaRole.Alert)).Not.ToBeEmptyAsync();
        await Accessibility.AssertNoViolationsAsync(page, Test, "4-errors");

        for (var i = 2; i < 10; i++) await questions.Nth(i).GetByLabel(i < 7 ? "Ja" : "Nee").CheckAsync();
        await widget.GetByLabel("Ja, bel mij").CheckAsync();
        await widget.GetByLabel("Uw telefoonnummer of e-mailadres").FillAsync(phone);
        await widget.GetByRole(AriaRole.Button, new() { Name = "Bekijk mijn advies" }).ClickAsync();
        await Assertions.Expect(widget.Locator(".notice")).ToContainTextAsync("geen diagnose");
        await Assertions.Expect(widget.Locator(".advice li")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(widget.Locator(".contact-received")).Not.ToBeEmptyAsync();
        await Accessibility.AssertNoViolationsAsync(page, Test, "5-advice");
        Assert.Empty(await page.EvaluateAsync<string[]>("() => Object.keys(sessionStorage).concat(Object.keys(localStorage))"));

        // Staff see the request, and opening it gives the number the visitor typed.
        var staff = await fixture.StaffTokenAsync("staff");
        var id = await LocalHostFixture.EventuallyAsync(async () =>
        {
            var list = await GetAsync("/api/staff/selftest-contact-requests?limit=100", staff);
            return list.GetProperty("requests").EnumerateArray().Where(r => r.GetProperty("testId").GetString() == "trauma-screen" && r.GetProperty("channel").GetString() == "phone")
                .Select(r => r.GetProperty("id").GetString()).FirstOrDefault();
        }, "the contact request in the staff list");
        var opened = await GetAsync($"/api/staff/selftest-contact-requests/{id}", staff);
        Assert.Equal("+31" + phone[1..].Replace(" ", ""), opened.GetProperty("contact").GetString());

        // viewed, started and completed, each once, under the page's utm_source.
        var day = DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime);
        var insights = await GetAsync($"/api/insights/selftests?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", staff);
        var counts = insights.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("testId").GetString() == "trauma-screen")
            .GetProperty("bySource").EnumerateArray().Single(s => s.GetProperty("source").GetString() == "facebook").GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("viewed").GetInt32());
        Assert.Equal(1, counts.GetProperty("started").GetInt32());
        Assert.Equal(1, counts.GetProperty("completed").GetInt32());
        Assert.Equal(1, counts.GetProperty("contactRequested").GetInt32());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_English_the_advice_test_is_shown_and_answered_in_English()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/demo/");
        await page.EvaluateAsync("() => document.querySelector('steunpunt-selftest').setAttribute('lang', 'en')");
        var widget = page.Locator("steunpunt-selftest");
        await widget.GetByRole(AriaRole.Button, new() { Name = "Show the self-tests" }).ClickAsync();
        await widget.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Advice test") }).ClickAsync();
        var questions = widget.Locator("fieldset[data-item]");
        await Assertions.Expect(questions).ToHaveCountAsync(5);
        await Assertions.Expect(questions.Nth(0).Locator("legend")).ToHaveTextAsync("1. What happened?");
        foreach (var i in Enumerable.Range(0, 5)) await questions.Nth(i).Locator("input").First.CheckAsync();
        await widget.GetByRole(AriaRole.Button, new() { Name = "Show my advice" }).ClickAsync();
        await Assertions.Expect(widget.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Your advice") })).ToBeFocusedAsync();
        await Assertions.Expect(widget.Locator(".notice")).ToContainTextAsync("not personal legal or medical advice");
        await Accessibility.AssertNoViolationsAsync(page, Test, "6-advice-en");
        await page.Context.CloseAsync();
    }

    private async Task<JsonElement> GetAsync(string url, string token)
    {
        var response = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, url, token));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
