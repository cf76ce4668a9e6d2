using System.Net;
using System.Text.Json;

namespace Steunpunt.IntegrationTests;

/// <summary>Reads a paged staff list as the console does: page after page, following <c>cursor</c> until there is none.</summary>
internal static class StaffPages
{
    /// <param name="url">The list with its own query, ending in <c>?</c> or <c>&amp;</c>; <c>limit</c> and <c>cursor</c> are added.</param>
    /// <returns>The items of every page, and the raw bodies (so a test can check what they never contain).</returns>
    public static async Task<(List<JsonElement> Items, List<string> Bodies)> AllAsync(
        LocalHostFixture fixture, string token, string url, string itemsProperty, int limit, Action<JsonElement>? eachPage = null)
    {
        var items = new List<JsonElement>();
        var bodies = new List<string>();
        string? cursor = null;
        do
        {
            var response = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, $"{url}limit={limit}" + (cursor is null ? "" : "&cursor=" + cursor), token));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body);
            bodies.Add(body);
            var page = JsonDocument.Parse(body).RootElement;
            eachPage?.Invoke(page);
            var pageItems = page.GetProperty(itemsProperty).EnumerateArray().ToList();
            Assert.True(pageItems.Count <= limit, $"A page of {pageItems.Count} for limit {limit}.");
            items.AddRange(pageItems);
            cursor = page.TryGetProperty("cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return (items, bodies);
    }
}
