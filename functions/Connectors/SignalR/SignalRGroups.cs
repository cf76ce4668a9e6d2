namespace Steunpunt.Connectors.SignalR;

/// <summary>Groups within a hub.</summary>
public static class SignalRGroups
{
    /// <summary>Every staff member who connected to the staff hub: notifications for the whole team.</summary>
    public const string Staff = "staff";
}
