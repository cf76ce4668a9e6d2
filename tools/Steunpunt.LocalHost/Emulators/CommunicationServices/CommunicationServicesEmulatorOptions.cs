namespace Steunpunt.LocalHost.Emulators.CommunicationServices;

/// <summary><c>Emulators:CommunicationServices:*</c>: how the local Communication Services stand-in behaves.</summary>
public sealed class CommunicationServicesEmulatorOptions
{
    public const string Section = "Emulators:CommunicationServices";

    /// <summary>The <c>retry-after</c> the e-mail send answers with (the service sends one while an operation runs).</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}
