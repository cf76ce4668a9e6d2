using Microsoft.AspNetCore.SignalR;

namespace Steunpunt.LocalHost.Emulators.SignalR;

/// <summary>
/// What the emulated service knows: the open client connections (hub, user), users' group memberships (with
/// their ttl) and connections' group memberships. Hub names are lower-case; user ids and group names are
/// compared exactly.
/// </summary>
internal sealed class SignalREmulatorRegistry(TimeProvider clock)
{
    public sealed record Client(string ConnectionId, string Hub, string? UserId, HubCallerContext Context);

    private readonly Lock gate = new();
    private readonly Dictionary<string, Client> clients = new(StringComparer.Ordinal);
    // (hub, user) → group → until (null: no ttl)
    private readonly Dictionary<(string Hub, string User), Dictionary<string, DateTimeOffset?>> userGroups = [];
    // (hub, group) → connection ids
    private readonly Dictionary<(string Hub, string Group), HashSet<string>> connectionGroups = [];

    public void Connected(Client client)
    {
        lock (gate) clients[client.ConnectionId] = client;
    }

    public void Disconnected(string connectionId)
    {
        lock (gate)
        {
            if (!clients.Remove(connectionId, out var client)) return;
            foreach (var (key, members) in connectionGroups.Where(g => g.Key.Hub == client.Hub).ToList())
            {
                if (members.Remove(connectionId) && members.Count == 0) connectionGroups.Remove(key);
            }
        }
    }

    public bool IsConnected(string connectionId)
    {
        lock (gate) return clients.ContainsKey(connectionId);
    }

    public IReadOnlyList<Client> All(string hub)
    {
        lock (gate) return clients.Values.Where(c => c.Hub == hub).ToList();
    }

    public IReadOnlyList<Client> OfUser(string hub, string userId)
    {
        lock (gate) return clients.Values.Where(c => c.Hub == hub && c.UserId == userId).ToList();
    }

    public Client? Connection(string hub, string connectionId)
    {
        lock (gate) return clients.TryGetValue(connectionId, out var client) && client.Hub == hub ? client : null;
    }

    /// <summary>Connections in the group themselves, and connections of users in the group (ttl not passed).</summary>
    public IReadOnlyList<Client> InGroup(string hub, string group)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            connectionGroups.TryGetValue((hub, group), out var members);
            return clients.Values.Where(c => c.Hub == hub && (members?.Contains(c.ConnectionId) == true
                || (c.UserId is not null && UserInGroupLocked(hub, group, c.UserId, now)))).ToList();
        }
    }

    public bool UserInGroup(string hub, string group, string userId)
    {
        lock (gate) return UserInGroupLocked(hub, group, userId, clock.GetUtcNow());
    }

    private bool UserInGroupLocked(string hub, string group, string userId, DateTimeOffset now)
        => userGroups.TryGetValue((hub, userId), out var groups) && groups.TryGetValue(group, out var until) && (until is null || until > now);

    /// <summary>
    /// Without a ttl the user stays in the group; with one, until it passes. A ttl of 0 adds only the user's
    /// connections open now, as the service documents.
    /// </summary>
    public void AddUserToGroup(string hub, string group, string userId, TimeSpan? ttl)
    {
        lock (gate)
        {
            if (ttl == TimeSpan.Zero)
            {
                foreach (var client in clients.Values.Where(c => c.Hub == hub && c.UserId == userId)) AddConnectionLocked(hub, group, client.ConnectionId);
                return;
            }
            if (!userGroups.TryGetValue((hub, userId), out var groups)) userGroups[(hub, userId)] = groups = new(StringComparer.Ordinal);
            groups[group] = ttl is { } value ? clock.GetUtcNow().Add(value) : null;
        }
    }

    /// <summary>Takes the user out of the group, and the user's connections too.</summary>
    public void RemoveUserFromGroup(string hub, string group, string userId)
    {
        lock (gate)
        {
            if (userGroups.TryGetValue((hub, userId), out var groups)) groups.Remove(group);
            if (connectionGroups.TryGetValue((hub, group), out var members))
            {
                foreach (var client in clients.Values.Where(c => c.Hub == hub && c.UserId == userId)) members.Remove(client.ConnectionId);
            }
        }
    }

    public void RemoveUserFromAllGroups(string hub, string userId)
    {
        lock (gate)
        {
            userGroups.Remove((hub, userId));
            var connections = clients.Values.Where(c => c.Hub == hub && c.UserId == userId).Select(c => c.ConnectionId).ToHashSet();
            foreach (var (_, members) in connectionGroups.Where(g => g.Key.Hub == hub)) members.ExceptWith(connections);
        }
    }

    /// <summary>False when the connection is not open on the hub.</summary>
    public bool AddConnectionToGroup(string hub, string group, string connectionId)
    {
        lock (gate)
        {
            if (!(clients.TryGetValue(connectionId, out var client) && client.Hub == hub)) return false;
            AddConnectionLocked(hub, group, connectionId);
            return true;
        }
    }

    private void AddConnectionLocked(string hub, string group, string connectionId)
    {
        if (!connectionGroups.TryGetValue((hub, group), out var members)) connectionGroups[(hub, group)] = members = new(StringComparer.Ordinal);
        members.Add(connectionId);
    }

    public bool RemoveConnectionFromGroup(string hub, string group, string connectionId)
    {
        lock (gate) return connectionGroups.TryGetValue((hub, group), out var members) && members.Remove(connectionId);
    }

    public void RemoveConnectionFromAllGroups(string hub, string connectionId)
    {
        lock (gate)
        {
            foreach (var (_, members) in connectionGroups.Where(g => g.Key.Hub == hub)) members.Remove(connectionId);
        }
    }
}
