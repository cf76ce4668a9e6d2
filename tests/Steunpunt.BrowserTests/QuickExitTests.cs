using Microsoft.Playwright;

namespace Steunpunt.BrowserTests;

/// <summary>
/// Quick exit from the mail form and the self-test on the demo page: Shift three times (announced) or the button, the
/// widgets' storage wiped, and the page replaced in the tab's history, so Back does not bring it back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QuickExitTests(BrowserFixture fixture)
{
    private const string Test = nameof(QuickExitTests);
    private const string SafePage = "https://www.google.nl/";

    /// <returns>The page, and its tab's history length on the demo page.</returns>
    private async Task<(IPage Page, int History)> DemoAfterAnotherPageAsync()
    {
        var page = await fixture.NewPageAsync();
        // The demo's exit URL, answered here: nothing leaves this machine.
        await page.Context.RouteAsync(SafePage + "**", route => route.FulfillAsync(new() { ContentType = "text/html", Body = "<!doctype html><title>Weer</title><p>Het weer</p>" }));
        await page.GotoAsync(fixture.BaseUrl + "/api/health");
        await page.GotoAsync(fixture.BaseUrl + "/demo/");
        await Assertions.Expect(page.Locator("steunpunt-mail-form").GetByRole(AriaRole.Button, new() { Name = "Versturen" })).ToBeVisibleAsync();
        return (page, await page.EvaluateAsync<int>("() => history.length"));
    }

    [Fact]
    public async Task Shift_three_times_leaves_without_a_history_entry_and_wipes_storage()
    {
        var (page, history) = await DemoAfterAnotherPageAsync();
        await page.Locator("steunpunt-mail-form").GetByLabel("Uw vraag of verhaal").FillAsync("Iets wat niemand mag zien");
        // Something a widget keeps (the chat's token lives here), and the page's own key, which is not ours to wipe.
        await page.EvaluateAsync("() => { sessionStorage.setItem('steunpunt:probe', '1'); sessionStorage.setItem('site:own', '1'); }");

        // Shift as a modifier (Shift+A) does not count.
        await page.Keyboard.PressAsync("Shift+A");
        await page.Keyboard.PressAsync("Shift");
        // One widget on the page speaks for all of them (the first to join the quick exit).
        var announcement = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Shift" });
        await Assertions.Expect(announcement).ToHaveTextAsync("Shift, druk nog 2 keer om deze pagina te verlaten.");
        await Accessibility.AssertNoViolationsAsync(page, Test, "1-exit-one-press");

        // 5 s after a press the count starts again, announced (axe alone may take that long on a loaded machine).
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Snel weg is verlopen." })).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await page.Keyboard.PressAsync("Shift");
        await Assertions.Expect(announcement).ToHaveTextAsync("Shift, druk nog 2 keer om deze pagina te verlaten.");
        await page.Keyboard.PressAsync("Shift");
        await Assertions.Expect(announcement).ToHaveTextAsync("Shift, druk nog 1 keer om deze pagina te verlaten.");
        await page.Keyboard.PressAsync("Shift");
        await page.WaitForURLAsync(SafePage);
        await Accessibility.ScreenshotAsync(page, Test, "2-exit-left");

        // Replaced, not added: the same number of entries, and Back skips the demo page.
        Assert.Equal(history, await page.EvaluateAsync<int>("() => history.length"));
        await page.GoBackAsync();
        Assert.Equal(fixture.BaseUrl + "/api/health", page.Url);
        var keys = await page.EvaluateAsync<string[]>("() => Object.keys(sessionStorage)");
        Assert.Equal(["site:own"], keys);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_button_of_the_self_test_leaves_the_same_way()
    {
        var (page, history) = await DemoAfterAnotherPageAsync();
        var widget = page.Locator("steunpunt-selftest");
        await widget.GetByText("Veilig deze site bezoeken").ClickAsync();
        await Assertions.Expect(widget.GetByText("privévenster")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, Test, "3-safety-text");
        await widget.GetByRole(AriaRole.Link, new() { Name = "Snel weg" }).ClickAsync();
        await page.WaitForURLAsync(SafePage);
        // Replaced, not added: the same number of entries, and Back skips the demo page.
        Assert.Equal(history, await page.EvaluateAsync<int>("() => history.length"));
        await page.GoBackAsync();
        Assert.Equal(fixture.BaseUrl + "/api/health", page.Url);
        await page.Context.CloseAsync();
    }
}
