using System.Net.Http.Json;
using Microsoft.Playwright;
using Steunpunt.IntegrationTests;

namespace Steunpunt.BrowserTests;

/// <summary>
/// The local host's own pages in a real browser: the dev outbox a developer reads the mails in, and proof that the
/// browser, the host and axe work together before any widget is on the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DevPagesTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Outbox_shows_the_receipt_of_a_mail_form_and_has_no_axe_violations()
    {
        // One mail on the page: axe hangs on a page of several sandboxed mail previews (it cannot enter them).
        (await fixture.Client.DeleteAsync("/dev/outbox")).EnsureSuccessStatusCode();
        var address = $"outbox-{Guid.NewGuid():N}@example.nl";
        var sent = await fixture.Client.PostAsJsonAsync("/api/mail-intake", new
        {
            replyAddress = address,
            question = "Hoe doe ik aangifte van stalking?",
            consentToStore = true,
        });
        sent.EnsureSuccessStatusCode();
        await LocalHostFixture.EventuallyAsync(async () => (await fixture.OutboxAsync("email", address)).Count > 0 ? "" : null, "the receipt in the outbox");

        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/dev/outbox");
        var receipt = page.Locator("article").Filter(new() { HasText = address });
        await Assertions.Expect(receipt).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Uitgaande post (lokaal)");

        await Accessibility.AssertNoViolationsAsync(page, nameof(DevPagesTests), "outbox", frames: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Axe_reports_a_violation_the_widgets_could_make_inside_an_open_shadow_root()
    {
        // The helper must be able to fail: an unlabelled button and input inside an open shadow root, as a widget could have.
        // On the demo page, which has no frames: the outbox's mail previews are frames, slow to check once it holds many mails.
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/demo/");
        await page.EvaluateAsync("""
            () => {
              const host = document.createElement('bad-widget');
              document.querySelector('h1').after(host);
              host.attachShadow({ mode: 'open' }).innerHTML = '<button></button><input>';
            }
            """);
        var error = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(() => Accessibility.AssertNoViolationsAsync(page, nameof(DevPagesTests), "bad-widget"));
        Assert.Contains("button-name", error.Message);
        Assert.Contains("bad-widget", error.Message);
        await page.Context.CloseAsync();
    }
}
