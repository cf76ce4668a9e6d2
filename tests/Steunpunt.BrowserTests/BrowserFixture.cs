using Microsoft.Playwright;
using Steunpunt.IntegrationTests;
using Steunpunt.LocalHost.Settings;

namespace Steunpunt.BrowserTests;

/// <summary>
/// The local host on an Azurite of its own (see <see cref="LocalHostFixture"/>) and one headless Debian Chromium for
/// the whole collection; each test opens a fresh browser context (its own storage, cookies and history).
/// </summary>
public sealed class BrowserFixture : LocalHostFixture
{
    /// <summary>Debian's package; the test command installs it. Playwright's own browser downloads are never used.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => Client.BaseAddress!.ToString().TrimEnd('/');

    /// <summary>Where each test's screenshots go: <c>TestResults/screenshots/</c> at the repository root (gitignored).</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Find(), "TestResults", "screenshots");

    protected override bool OwnAzurite => true;

    public override async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (apt-get install chromium), or run ./steunpunt test, which does.");
        }
        await base.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in CI has no user namespace sandbox; nothing here may reach the network beyond loopback.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>A page in a fresh context (axe needs a page from a context, not from <c>Browser.NewPageAsync</c>).</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new() { Locale = "nl-NL", ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
