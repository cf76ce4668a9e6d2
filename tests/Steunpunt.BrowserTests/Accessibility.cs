using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Steunpunt.BrowserTests;

/// <summary>
/// axe-core over the whole page, open shadow roots included, with the rules of WCAG 2.1 A and AA and EN 301 549; a
/// screenshot of the state is kept first, so a failing state can be looked at. Automated checks cover part of WCAG only
/// (see docs/accessibility.md for the manual pass).
/// </summary>
public static class Accessibility
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "EN-301-549"];

    /// <summary>Takes a screenshot named after the test and state, runs axe and fails with a readable list of violations.</summary>
    /// <param name="frames">
    /// False for a page whose frames are sandboxed without scripts (the outbox's mail previews): axe cannot be put into
    /// such a frame and would wait for it for ever.
    /// </param>
    public static async Task AssertNoViolationsAsync(IPage page, string test, string state, bool frames = true)
    {
        await ScreenshotAsync(page, test, state);
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] }, Iframes = frames })
            // axe waits for ever on a frame it cannot enter: a minute, then fail instead of hanging the run.
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(result.Violations.Length == 0, Describe($"{test} / {state}", result));
        // A page axe could not look at would pass silently: it must at least have checked something.
        Assert.True(result.Passes.Length > 0, $"axe checked nothing on {test} / {state}.");
    }

    public static async Task ScreenshotAsync(IPage page, string test, string state)
    {
        var folder = Path.Combine(BrowserFixture.ScreenshotFolder, test);
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, state + ".png"), FullPage = true });
    }

    public static string Describe(string where, AxeResult result)
    {
        var text = new StringBuilder($"axe found {result.Violations.Length} violation(s) on {where} ({result.Url}):");
        foreach (var violation in result.Violations)
        {
            text.Append($"\n- {violation.Id} [{violation.Impact}] {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                var checks = node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message);
                text.Append($"\n    at {node.Target} {node.Html}: {string.Join("; ", checks)}");
            }
        }
        return text.ToString();
    }
}
