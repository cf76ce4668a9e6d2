using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Connectors.SignalR;
using Steunpunt.LocalHost.Dev;
using Steunpunt.LocalHost.Emulators.SignalR;

namespace Steunpunt.IntegrationTests.Connectors.SignalR;

/// <summary>A real SignalR client that records what it receives, with waits that give up after a timeout.</summary>
internal sealed class RecordingClient : IAsyncDisposable
{
    /// <summary>Long enough for a push through a queue on a machine under load; a wait only ends this early when the push came.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<(string Target, JsonElement Argument)> received = new();
    private readonly SemaphoreSlim arrived = new(0);

    public RecordingClient(HubConnection connection, params string[] targets)
    {
        Connection = connection;
        foreach (var target in targets)
        {
            connection.On<JsonElement>(target, argument =>
            {
                received.Enqueue((target, argument));
                arrived.Release();
            });
        }
        connection.Closed += error =>
        {
            ClosedWith.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    public HubConnection Connection { get; }
    public TaskCompletionSource<Exception?> ClosedWith { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string Target, JsonElement Argument)> Received => received.ToList();

    /// <summary>Waits for a message to <paramref name="target"/> whose argument has <c>id</c> = <paramref name="id"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string target, string id)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var match = received.FirstOrDefault(m => m.Target == target && Id(m.Argument) == id);
            if (match.Target is not null) return match.Argument;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await arrived.WaitAsync(left)) throw new TimeoutException($"No '{target}' message with id {id} within {Timeout.TotalSeconds} s.");
        }
    }

    /// <summary>Waits for a message to <paramref name="target"/> whose argument satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string target, Func<JsonElement, bool> match, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var found = received.FirstOrDefault(m => m.Target == target && match(m.Argument));
            if (found.Target is not null) return found.Argument;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await arrived.WaitAsync(left)) throw new TimeoutException($"No '{target}' message with {what} within {Timeout.TotalSeconds} s.");
        }
    }

    public int Count(string target, string id) => received.Count(m => m.Target == target && Id(m.Argument) == id);

    private static string? Id(JsonElement argument)
        => argument.ValueKind == JsonValueKind.Object && argument.TryGetProperty("id", out var id) ? id.GetString() : null;

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}

internal static class SignalRTestKit
{
    public const string Key = "8v0MIU1J2WiCvXZwYIqRsGhSH3i3OuQQorVf1C3SohU";

    public static string FunctionsBase(LocalHostFixture fixture) => fixture.Client.BaseAddress!.AbsoluteUri.TrimEnd('/');
    public static string EmulatorBase(LocalHostFixture fixture) => FunctionsBase(fixture) + SignalREmulator.BasePath;

    public static IRealtimeMessenger Messenger(LocalHostFixture fixture) => fixture.Services.GetRequiredService<IRealtimeMessenger>();
    public static SignalREmulatorRegistry Registry(LocalHostFixture fixture) => fixture.Services.GetRequiredService<SignalREmulatorRegistry>();

    /// <summary>A staff token for a person of its own (the fixture's tokens all name the same person).</summary>
    public static async Task<DevStaffToken> StaffAsync(LocalHostFixture fixture, string name)
    {
        var response = await fixture.Client.PostAsJsonAsync("/dev/staff-tokens", new { name, roles = new[] { "staff" } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevStaffToken>())!;
    }

    /// <summary>Connects as a browser would: hub URL <c>{functions}/api/staff</c>, the staff token from the access token factory.</summary>
    public static Task<RecordingClient> ConnectStaffAsync(LocalHostFixture fixture, string staffToken, params string[] targets)
        => ConnectAsync(fixture, FunctionsBase(fixture) + "/api/staff", staffToken, targets);

    public static Task<RecordingClient> ConnectAsync(LocalHostFixture fixture, string url, string token, params string[] targets)
        => ConnectAsync(fixture, url, options => options.AccessTokenProvider = () => Task.FromResult<string?>(token), targets);

    public static async Task<RecordingClient> ConnectAsync(
        LocalHostFixture fixture, string url, Action<Microsoft.AspNetCore.Http.Connections.Client.HttpConnectionOptions> configure, params string[] targets)
    {
        var connection = new HubConnectionBuilder().WithUrl(url, configure).Build();
        var client = new RecordingClient(connection, targets);
        using var timeout = new CancellationTokenSource(RecordingClient.Timeout);
        await connection.StartAsync(timeout.Token);
        // The client hears the handshake before the hub's OnConnected has run (as with any ASP.NET Core hub):
        // wait until the emulator knows the connection, so a message sent next cannot miss it.
        await LocalHostFixture.EventuallyAsync(
            () => Task.FromResult(Registry(fixture).IsConnected(connection.ConnectionId!) ? (object?)true : null),
            "the emulator to register the connection", seconds: 30);
        return client;
    }

    /// <summary>A client token as the negotiate function makes them, but with whatever key, audience and clock a test needs.</summary>
    public static string ClientToken(string audience, DateTimeOffset now, string userId, string key = Key, TimeSpan? lifetime = null)
        => SignalRAccessTokens.Create(new SignalRSigningKey(key), audience, now, lifetime ?? TimeSpan.FromMinutes(30), userId);

    public static object Message(string id) => new { id, text = "test" };
}
