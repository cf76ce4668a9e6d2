using System.Text.RegularExpressions;

namespace Steunpunt.Connectors.SignalR;

/// <summary>
/// URLs of the service's data-plane REST API, version 2022-06-01. Hub names are lower-cased (as the SDK does)
/// and every name is escaped as one path segment, so a '/' in a user id cannot reach another resource.
/// </summary>
public static partial class SignalRRestApi
{
    public const string ApiVersion = "2022-06-01";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex HubName();

    public static Uri SendToAll(string endpoint, string hub) => Build(endpoint, hub, ":send");

    public static Uri SendToUser(string endpoint, string hub, string userId) => Build(endpoint, hub, $"users/{Segment(userId, "user id")}/:send");

    public static Uri SendToGroup(string endpoint, string hub, string group) => Build(endpoint, hub, $"groups/{Group(group)}/:send");

    public static Uri SendToConnection(string endpoint, string hub, string connectionId)
        => Build(endpoint, hub, $"connections/{Segment(connectionId, "connection id")}/:send");

    /// <summary><c>PUT</c> adds, <c>DELETE</c> removes; <paramref name="ttl"/> in whole seconds (0: only the connections open now).</summary>
    public static Uri UserGroup(string endpoint, string hub, string group, string userId, TimeSpan? ttl = null)
        => Build(endpoint, hub, $"users/{Segment(userId, "user id")}/groups/{Group(group)}",
            ttl is { } value ? $"&ttl={(long)Math.Ceiling(Math.Max(0, value.TotalSeconds))}" : "");

    /// <summary><c>DELETE</c>: the user leaves every group of the hub.</summary>
    public static Uri UserGroups(string endpoint, string hub, string userId) => Build(endpoint, hub, $"users/{Segment(userId, "user id")}/groups");

    /// <summary>The lower-cased hub name as it appears in paths and audiences; throws for a name the service refuses.</summary>
    public static string HubPathName(string hub)
        => HubName().IsMatch(hub)
            ? hub.ToLowerInvariant()
            : throw new ArgumentException("A hub name starts with a letter and has only letters, digits and '_'.", nameof(hub));

    private static Uri Build(string endpoint, string hub, string rest, string extraQuery = "")
        => new($"{endpoint}/api/hubs/{HubPathName(hub)}/{rest}?api-version={ApiVersion}{extraQuery}");

    private static string Group(string group)
        => group.Length is >= 1 and <= 1024 ? Segment(group, "group name") : throw new ArgumentException("A group name has 1 to 1024 characters.", nameof(group));

    /// <summary>
    /// One escaped path segment. "." and ".." are refused: escaping leaves them as they are and URI resolution
    /// would climb a level, turning e.g. a send to user ".." into a send to everyone.
    /// </summary>
    private static string Segment(string value, string what)
        => value switch
        {
            "" => throw new ArgumentException($"The {what} is empty.", nameof(value)),
            "." or ".." => throw new ArgumentException($"The {what} cannot be '{value}'.", nameof(value)),
            _ => Uri.EscapeDataString(value),
        };
}
