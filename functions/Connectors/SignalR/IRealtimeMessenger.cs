namespace Steunpunt.Connectors.SignalR;

/// <summary>What a SignalR client needs to connect: the service URL for its hub and a token for it (the negotiate answer).</summary>
public sealed record SignalRConnectionInfo(string Url, string AccessToken);

/// <summary>
/// Real-time messages to SignalR clients through Azure SignalR Service (Serverless mode). The slices use only
/// this; the REST implementation here could be swapped for one on the service SDK.
/// </summary>
public interface IRealtimeMessenger
{
    /// <summary>The connection info for <paramref name="userId"/> on <paramref name="hub"/>; the token is valid for <paramref name="lifetime"/> (default 30 minutes).</summary>
    Task<SignalRConnectionInfo> NegotiateAsync(string hub, string userId, TimeSpan? lifetime = null, CancellationToken cancellationToken = default);

    Task SendToAllAsync(string hub, string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default);

    Task SendToUserAsync(string hub, string userId, string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default);

    Task SendToGroupAsync(string hub, string group, string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default);

    Task SendToConnectionAsync(string hub, string connectionId, string target, IReadOnlyList<object?> arguments, CancellationToken cancellationToken = default);

    /// <summary>Without <paramref name="ttl"/> the user stays in the group (the service keeps at most a year); with one, for that long.</summary>
    Task AddUserToGroupAsync(string hub, string group, string userId, TimeSpan? ttl = null, CancellationToken cancellationToken = default);

    Task RemoveUserFromGroupAsync(string hub, string group, string userId, CancellationToken cancellationToken = default);

    Task RemoveUserFromAllGroupsAsync(string hub, string userId, CancellationToken cancellationToken = default);
}
