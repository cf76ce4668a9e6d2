namespace Steunpunt.LocalHost.Emulators.CommunicationServices;

/// <summary><c>Emulators:CommunicationServices:*</c> and <c>Emulators:EventGrid:*</c>: how the local stand-ins behave.</summary>
public sealed class CommunicationServicesEmulatorOptions
{
    public const string Section = "Emulators:CommunicationServices";

    /// <summary>The <c>retry-after</c> the e-mail send answers with (the service sends one while an operation runs).</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}

public sealed class EventGridEmulatorOptions
{
    public const string Section = "Emulators:EventGrid";

    /// <summary>Where events are pushed (the app's webhook); none means events are only shown on the outbox page.</summary>
    public string? Webhook { get; set; }

    /// <summary>How long after accepting an SMS its delivery report is sent.</summary>
    public int DeliveryDelayMilliseconds { get; set; } = 200;
}
