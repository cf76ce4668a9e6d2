using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Steunpunt.Composition;

namespace Steunpunt.UnitTests;

/// <summary>A complete set of valid settings (the local ones), for tests that start the app and change one setting.</summary>
public static class ValidSettings
{
    public const string SignalRKey = "8v0MIU1J2WiCvXZwYIqRsGhSH3i3OuQQorVf1C3SohU";

    public static Dictionary<string, string?> Create() => new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["StaffAuth:Issuer"] = "https://issuer.test",
        ["StaffAuth:Audience"] = "api://staff",
        ["StaffAuth:SigningKey"] = Convert.ToBase64String(new byte[32]),
        ["Storage:CreateIfMissing"] = "false",
        ["CommunicationServices:ConnectionString"] = "endpoint=https://x.communication.azure.com/;accesskey=" + Convert.ToBase64String(new byte[32]),
        ["Email:SenderAddress"] = "DoNotReply@x.azurecomm.net",
        ["Sms:From"] = "+3197010000001",
        ["AzureSignalRConnectionString"] = $"Endpoint=http://localhost:7071/emulators/signalr;AccessKey={SignalRKey};Version=1.0;",
    };

    /// <summary>The app as every host composes it, with these settings changed by <paramref name="change"/> and nothing else.</summary>
    public static IHost BuildHost(Action<Dictionary<string, string?>> change)
    {
        var settings = Create();
        change(settings);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSteunpunt(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Starts and stops that app; the exception that stopped it, or null. <paramref name="started"/> runs while it is up.</summary>
    public static async Task<Exception?> StartAsync(Action<Dictionary<string, string?>> change, Action<IServiceProvider>? started = null)
    {
        using var host = BuildHost(change);
        try
        {
            await host.StartAsync();
            started?.Invoke(host.Services);
            await host.StopAsync();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
