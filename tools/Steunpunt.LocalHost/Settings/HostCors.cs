using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.LocalHost.Emulators.SignalR;

namespace Steunpunt.LocalHost.Settings;

/// <summary>
/// CORS as Core Tools (<c>func start</c>) applies it from local.settings.json: <c>Host.CORS</c> is a comma-separated
/// origin list (empty entries skipped, <c>*</c> for any origin), every method and header is allowed, and
/// <c>Host.CORSCredentials</c> adds <c>Access-Control-Allow-Credentials</c>. The SignalR emulator's client endpoint
/// is left out: in Azure that is another service with CORS of its own, and the emulator answers it as the service does.
/// </summary>
public sealed class HostCors
{
    public const string OriginsSetting = "Host:CORS";
    public const string CredentialsSetting = "Host:CORSCredentials";

    private HostCors(string[] origins, bool credentials)
    {
        Origins = origins;
        Credentials = credentials;
    }

    public IReadOnlyList<string> Origins { get; }
    public bool Credentials { get; }

    /// <summary>The settings read as Core Tools reads them; null when no origin is set (no CORS at all).</summary>
    public static HostCors? FromConfiguration(IConfiguration configuration)
    {
        var origins = (configuration[OriginsSetting] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (origins.Length == 0) return null;

        var credentialsText = configuration[CredentialsSetting];
        var credentials = false;
        if (!string.IsNullOrEmpty(credentialsText) && !bool.TryParse(credentialsText, out credentials))
        {
            throw new InvalidOperationException(
                $"Instelling '{CredentialsSetting}' moet true of false zijn, niet '{credentialsText}'. / Setting '{CredentialsSetting}' must be true or false, not '{credentialsText}'.");
        }
        // ASP.NET Core refuses this policy too; said here in the project's words and with the setting's name.
        if (credentials && origins.Contains("*"))
        {
            throw new InvalidOperationException(
                $"Instelling '{OriginsSetting}' mag geen '*' bevatten als '{CredentialsSetting}' true is: noem de origins. "
                + $"/ Setting '{OriginsSetting}' cannot contain '*' while '{CredentialsSetting}' is true: list the origins.");
        }
        return new HostCors(origins, credentials);
    }

    public void Apply(CorsPolicyBuilder policy)
    {
        policy.WithOrigins([.. Origins]).AllowAnyHeader().AllowAnyMethod();
        if (Credentials) policy.AllowCredentials();
    }

    /// <summary>Registers CORS when the settings ask for it; <see cref="Use"/> then answers preflights and adds the headers.</summary>
    public static void AddTo(WebApplicationBuilder builder)
    {
        if (FromConfiguration(builder.Configuration) is not { } cors) return;
        builder.Services.AddSingleton(cors);
        builder.Services.AddCors();
    }

    public static void Use(WebApplication app)
    {
        if (app.Services.GetService<HostCors>() is not { } cors) return;
        app.UseWhen(context => !context.Request.Path.StartsWithSegments(SignalREmulator.BasePath + "/client"), branch => branch.UseCors(cors.Apply));
    }
}
