using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Steunpunt.Connectors.SignalR;

/// <summary>
/// How the app reaches Azure SignalR Service, from the setting the Functions SignalR extension uses too:
/// <c>AzureSignalRConnectionString</c> holds a connection string (locally: the local host's emulator), or, in
/// Azure, its children <c>__serviceUri</c>, <c>__credential</c> and <c>__clientId</c> name the service and
/// the managed identity. The setting has a value and children at once, so it is bound by hand.
/// </summary>
public sealed class SignalROptions
{
    public const string Setting = "AzureSignalRConnectionString";

    public string? ConnectionString { get; set; }
    public string? ServiceUri { get; set; }
    public string? Credential { get; set; }
    public string? ClientId { get; set; }

    public static void Bind(IConfiguration configuration, SignalROptions options)
    {
        var section = configuration.GetSection(Setting);
        options.ConnectionString = configuration[Setting];
        options.ServiceUri = section["serviceUri"];
        options.Credential = section["credential"];
        options.ClientId = section["clientId"];
    }
}

/// <summary>Checked when the app starts: a bad or missing setting stops it, with a message that names the setting.</summary>
internal sealed class SignalROptionsValidator : IValidateOptions<SignalROptions>
{
    public ValidateOptionsResult Validate(string? name, SignalROptions options)
        => SignalRServiceEndpoint.Check(options) is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;
}
