namespace Steunpunt.Connectors.SignalR;

/// <summary>The SignalR hubs of the app. Clients connect to <c>{functions}/api/{hub}</c>, which negotiates for them.</summary>
public static class SignalRHubs
{
    public const string Staff = "staff";
}

/// <summary>Groups within a hub.</summary>
public static class SignalRGroups
{
    /// <summary>Every staff member who connected to the staff hub: notifications for the whole team.</summary>
    public const string Staff = "staff";
}
