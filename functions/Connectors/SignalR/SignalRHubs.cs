namespace Steunpunt.Connectors.SignalR;

/// <summary>The SignalR hubs of the app. Clients connect to <c>{functions}/api/{hub}</c>, which negotiates for them.</summary>
public static class SignalRHubs
{
    public const string Staff = "staff";
}
