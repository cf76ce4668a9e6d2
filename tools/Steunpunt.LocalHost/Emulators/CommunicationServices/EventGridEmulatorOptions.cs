namespace Steunpunt.LocalHost.Emulators.CommunicationServices;

/// <summary><c>Emulators:EventGrid:*</c>: how the local Event Grid stand-in behaves.</summary>
public sealed class EventGridEmulatorOptions
{
    public const string Section = "Emulators:EventGrid";

    /// <summary>Where events are pushed (the app's webhook); none means events are only shown on the outbox page.</summary>
    public string? Webhook { get; set; }

    /// <summary>How long after accepting an SMS its delivery report is sent.</summary>
    public int DeliveryDelayMilliseconds { get; set; } = 200;
}
