using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Steunpunt.Chat;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Json;
using Steunpunt.IntegrationTests.Connectors.SignalR;
using Steunpunt.LocalHost.Dev;

namespace Steunpunt.IntegrationTests.Chat;

internal sealed record Visitor(string ChatId, string Token);

/// <summary>Visitors and staff as the widget and the console use the API: plain HTTP plus real SignalR clients.</summary>
internal static class ChatTestKit
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>Moves the clock forward to the next <paramref name="day"/> at <paramref name="localTime"/> in Amsterdam (never backwards).</summary>
    public static DateTimeOffset MoveTo(FakeTimeProvider clock, DayOfWeek day, TimeSpan localTime)
    {
        var now = clock.GetUtcNow();
        var date = TimeZoneInfo.ConvertTime(now, Amsterdam).Date.AddDays(1);
        while (date.DayOfWeek != day) date = date.AddDays(1);
        var local = date.Add(localTime);
        var target = new DateTimeOffset(local, Amsterdam.GetUtcOffset(local));
        clock.Advance(target - now);
        return target;
    }

    /// <summary>A Tuesday morning: the chat is open (office hours in the sample settings).</summary>
    public static DateTimeOffset MoveToOpeningHours(FakeTimeProvider clock) => MoveTo(clock, DayOfWeek.Tuesday, TimeSpan.FromHours(10));

    /// <summary>Starts a chat as a visitor; each from an address of its own (as the front end reports it), so the per-address limit stays out of the way.</summary>
    public static async Task<Visitor> StartAsync(LocalHostFixture fixture, string? topic = "violence", bool aboutPoliceReport = false, string? address = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/chats") { Content = JsonContent.Create(new { topic, aboutPoliceReport }) };
        request.Headers.Add("X-Forwarded-For", address ?? $"198.51.100.{Random.Shared.Next(1, 255)}, 203.0.113.{Random.Shared.Next(1, 255)}");
        var response = await fixture.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var started = (await response.Content.ReadFromJsonAsync<ChatStarted>(JsonDefaults.Web))!;
        return new Visitor(started.Id, started.VisitorToken);
    }

    public static HttpRequestMessage VisitorRequest(HttpMethod method, string url, Visitor visitor, object? body = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body, options: JsonDefaults.Web) };
        request.Headers.Add(VisitorTokens.Header, visitor.Token);
        return request;
    }

    public static async Task<HttpResponseMessage> SayAsync(LocalHostFixture fixture, Visitor visitor, string text)
        => await fixture.Client.SendAsync(VisitorRequest(HttpMethod.Post, $"/api/chats/{visitor.ChatId}/messages", visitor, new { text }));

    public static async Task<HttpResponseMessage> StaffSayAsync(LocalHostFixture fixture, string staffToken, string chatId, string text)
    {
        var request = fixture.StaffRequest(HttpMethod.Post, $"/api/staff/chats/{chatId}/messages", staffToken);
        request.Content = JsonContent.Create(new { text });
        return await fixture.Client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> StaffPostAsync(LocalHostFixture fixture, string staffToken, string url, object? body = null)
    {
        var request = fixture.StaffRequest(HttpMethod.Post, url, staffToken);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await fixture.Client.SendAsync(request);
    }

    public static async Task<JsonElement> VisitorViewAsync(LocalHostFixture fixture, Visitor visitor, int after = 0)
    {
        var response = await fixture.Client.SendAsync(VisitorRequest(HttpMethod.Get, $"/api/chats/{visitor.ChatId}?after={after}", visitor));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>The visitor's SignalR client: hub URL <c>/api/chats/{id}</c>, the visitor token in a header (never in the URL).</summary>
    public static Task<RecordingClient> ConnectVisitorAsync(LocalHostFixture fixture, Visitor visitor)
        => SignalRTestKit.ConnectAsync(fixture, $"{SignalRTestKit.FunctionsBase(fixture)}/api/chats/{visitor.ChatId}",
            options => options.Headers[VisitorTokens.Header] = visitor.Token,
            ChatEvents.Message, ChatEvents.State, ChatEvents.QueuePosition, ChatEvents.Typing);

    public static Task<RecordingClient> ConnectStaffAsync(LocalHostFixture fixture, DevStaffToken staff)
        => SignalRTestKit.ConnectStaffAsync(fixture, staff.AccessToken,
            ChatEvents.Message, ChatEvents.State, ChatEvents.Typing, ChatEvents.WaitingListChanged, "notification", "chatTransferred");

    public static Func<JsonElement, bool> ForChat(string chatId) => e => e.TryGetProperty("chatId", out var id) && id.GetString() == chatId;

    public static Func<JsonElement, bool> Reference(string chatId) => e => e.TryGetProperty("reference", out var id) && id.GetString() == chatId;
}
