using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Steunpunt.IntegrationTests;

namespace Steunpunt.BrowserTests;

/// <summary>
/// The mail form on the demo page, as a visitor uses it: errors next to their fields, the receipt, the continue link
/// from the mail, a new message that staff see, and the rating page of a staff answer; axe in every state.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class MailFormTests(BrowserFixture fixture)
{
    private const string Test = nameof(MailFormTests);

    [Fact]
    public async Task Mail_form_to_receipt_to_continue_page_to_staff_and_the_rating_page()
    {
        var address = $"mail-{Guid.NewGuid():N}@example.nl";
        var page = await fixture.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(fixture.BaseUrl + "/demo/#mail");
        var form = page.Locator("steunpunt-mail-form");
        await Assertions.Expect(form.GetByRole(AriaRole.Button, new() { Name = "Versturen" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, Test, "1-open");

        // Errors: the server's messages next to the fields they name, and announced.
        await form.GetByLabel("Uw e-mailadres").FillAsync("geen-adres");
        await form.GetByRole(AriaRole.Button, new() { Name = "Versturen" }).ClickAsync();
        var addressField = form.GetByLabel("Uw e-mailadres");
        await Assertions.Expect(addressField).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(form.GetByLabel("Uw vraag of verhaal")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(addressField).ToHaveAccessibleDescriptionAsync(new Regex("geldig e-mailadres"));
        await Assertions.Expect(form.GetByLabel("Uw vraag of verhaal")).ToHaveAccessibleDescriptionAsync(new Regex("Schrijf uw vraag"));
        await Assertions.Expect(form.GetByRole(AriaRole.Alert)).ToContainTextAsync("Controleer de gemarkeerde velden");
        await Assertions.Expect(addressField).ToBeFocusedAsync();
        await Accessibility.AssertNoViolationsAsync(page, Test, "2-errors");

        // The honeypot is neither in the accessibility tree nor in the tab order.
        Assert.Equal(0, await form.GetByRole(AriaRole.Textbox, new() { Name = "Website (niet invullen)" }).CountAsync());
        Assert.Equal("-1", await form.Locator("input[name=website]").GetAttributeAsync("tabindex"));

        await addressField.FillAsync(address);
        await form.GetByLabel("Uw vraag of verhaal").FillAsync("Hoe doe ik aangifte van stalking?");
        await form.GetByLabel("Uw naam of voornaam").FillAsync("Sanne");
        await form.GetByLabel("Waar gaat het over?").SelectOptionAsync("stalking");
        await form.GetByLabel("Steunpunt mag mijn vraag bewaren").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Versturen" }).ClickAsync();
        var reference = form.Locator(".reference");
        await Assertions.Expect(reference).ToHaveTextAsync(ReferencePattern());
        await Assertions.Expect(form.Locator(".expected")).ToHaveTextAsync(new Regex(@"\d{4}"));
        await Assertions.Expect(form.GetByRole(AriaRole.Heading, new() { Name = "Dank u, wij hebben uw vraag ontvangen" })).ToBeFocusedAsync();
        await Accessibility.AssertNoViolationsAsync(page, Test, "3-success");
        var referenceText = await reference.TextContentAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>("() => Object.keys(sessionStorage).concat(Object.keys(localStorage))"));

        // The receipt in the dev outbox, with the continue link (its secret in the fragment).
        var receipt = await LocalHostFixture.EventuallyAsync(async () => (await fixture.OutboxAsync("email", address)).FirstOrDefault(), "the receipt");
        var link = ContinueLink().Match(receipt.PlainText ?? "").Value;
        Assert.StartsWith(fixture.BaseUrl, link);
        var secret = link[(link.IndexOf('#') + 1)..];

        var staff = await fixture.StaffTokenAsync("staff");
        var caseId = await LocalHostFixture.EventuallyAsync(async () =>
        {
            var list = await StaffGetAsync("/api/staff/mail?status=new", staff);
            return list.GetProperty("cases").EnumerateArray().Where(c => c.GetProperty("reference").GetString() == referenceText)
                .Select(c => c.GetProperty("id").GetString()).FirstOrDefault();
        }, "the case in the staff inbox");
        var stored = await StaffGetAsync($"/api/staff/mail/{caseId}", staff);
        Assert.Equal("stalking", stored.GetProperty("case").GetProperty("crimeType").GetString());
        Assert.Equal("Sanne", stored.GetProperty("case").GetProperty("name").GetString());
        Assert.True(stored.GetProperty("consentToStore").GetBoolean());

        // The continue page: the thread, then a new message that staff see.
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("#berichten li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#berichten")).ToContainTextAsync("Hoe doe ik aangifte van stalking?");
        Assert.DoesNotContain(secret, page.Url);
        await Accessibility.AssertNoViolationsAsync(page, Test, "4-continue");
        await page.GetByLabel("Uw bericht aan Steunpunt").FillAsync("Mag ik iemand meenemen naar de politie?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Versturen" }).ClickAsync();
        await Assertions.Expect(page.Locator("#berichten li")).ToHaveCountAsync(2);
        await Accessibility.AssertNoViolationsAsync(page, Test, "5-continue-sent");
        var thread = (await StaffGetAsync($"/api/staff/mail/{caseId}", staff)).GetProperty("thread").EnumerateArray().ToList();
        Assert.Equal(["sender", "sender"], thread.Select(m => m.GetProperty("from").GetString()));
        Assert.Equal("Mag ik iemand meenemen naar de politie?", thread[1].GetProperty("text").GetString());

        // A staff answer, and its rating link.
        Assert.Equal(HttpStatusCode.OK, (await StaffPostAsync($"/api/staff/mail/{caseId}/claim", staff, null)).StatusCode);
        var replied = await StaffPostAsync($"/api/staff/mail/{caseId}/replies", staff, new { text = "Beste Sanne, dat mag zeker." });
        Assert.True(replied.IsSuccessStatusCode, await replied.Content.ReadAsStringAsync());
        var answer = await LocalHostFixture.EventuallyAsync(async () => (await fixture.OutboxAsync("email", address)).Skip(1).FirstOrDefault(), "the staff answer");
        var rating = RatingLink().Match(answer.PlainText ?? "").Value;
        Assert.StartsWith(fixture.BaseUrl, rating);
        await page.GotoAsync(rating);
        await Accessibility.AssertNoViolationsAsync(page, Test, "6-rating");
        await page.GetByLabel("4", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Toelichting").FillAsync("Duidelijk, dank u.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Versturen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#beoordeling")).ToBeHiddenAsync();
        await Accessibility.AssertNoViolationsAsync(page, Test, "7-rated");
        // Rated once: a second rating is refused, so the first was stored.
        var again = await fixture.Client.PostAsJsonAsync($"/api/mail/{caseId}/satisfaction", new { score = 2 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // The secret went in headers only, never in a URL the browser requested.
        Assert.DoesNotContain(requests, url => url.Contains(secret, StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private async Task<JsonElement> StaffGetAsync(string url, string token)
    {
        var response = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, url, token));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private Task<HttpResponseMessage> StaffPostAsync(string url, string token, object? body)
    {
        var request = fixture.StaffRequest(HttpMethod.Post, url, token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return fixture.Client.SendAsync(request);
    }

    [GeneratedRegex(@"^SP-[A-Z2-9]{8}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"http://\S+/dev/mail/vervolg#\S+")]
    private static partial Regex ContinueLink();

    [GeneratedRegex(@"http://\S+/dev/beoordeel-antwoord\?ref=[^\s)>]+")]
    private static partial Regex RatingLink();
}
