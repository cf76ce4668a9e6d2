using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Steunpunt.Common.Storage;

/// <summary>
/// The storage account, read from the same setting the Functions host uses (<c>AzureWebJobsStorage</c>):
/// a connection string locally (<c>UseDevelopmentStorage=true</c> for Azurite), identity-based in Azure
/// (<c>AzureWebJobsStorage__accountName</c> or the per-service URIs, with <c>__credential</c>/<c>__clientId</c>).
/// </summary>
public sealed class StorageAccount
{
    public const string Setting = "AzureWebJobsStorage";

    public required TableServiceClient Tables { get; init; }
    public required QueueServiceClient Queues { get; init; }

    /// <summary>Queues without message encoding, for a listener that decodes base64 itself and can park what does not decode.</summary>
    public required QueueServiceClient RawQueues { get; init; }

    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[Setting];
        var tableOptions = Budgeted(new TableClientOptions());
        var queueOptions = Budgeted(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var rawQueueOptions = Budgeted(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return new StorageAccount
                {
                    Tables = new TableServiceClient(connectionString, tableOptions),
                    Queues = new QueueServiceClient(connectionString, queueOptions),
                    RawQueues = new QueueServiceClient(connectionString, rawQueueOptions),
                };
            }
            catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new InvalidOperationException(
                    $"Setting '{Setting}' is not a valid storage connection string (use 'UseDevelopmentStorage=true' for Azurite, " +
                    $"or identity-based settings '{Setting}__accountName' in Azure).", exception);
            }
        }

        var section = configuration.GetSection(Setting);
        var accountName = section["accountName"];
        var tableUri = ServiceUri(section, "tableServiceUri", accountName, "table");
        var queueUri = ServiceUri(section, "queueServiceUri", accountName, "queue");
        if (tableUri is null || queueUri is null)
        {
            throw new InvalidOperationException(
                $"Setting '{Setting}' is missing: set a connection string ('UseDevelopmentStorage=true' for Azurite), " +
                $"or '{Setting}__accountName' (or '{Setting}__tableServiceUri' and '{Setting}__queueServiceUri') for an identity-based connection.");
        }
        var credential = Credential(section);
        return new StorageAccount
        {
            Tables = new TableServiceClient(tableUri, credential, tableOptions),
            Queues = new QueueServiceClient(queueUri, credential, queueOptions),
            RawQueues = new QueueServiceClient(queueUri, credential, rawQueueOptions),
        };
    }

    private static T Budgeted<T>(T options) where T : ClientOptions
    {
        options.RetryPolicy = StorageCallBudget.RetryPolicy(options.Retry);
        return options;
    }

    private static Uri? ServiceUri(IConfigurationSection section, string key, string? accountName, string service)
    {
        var value = section[key];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? uri
                : throw new InvalidOperationException($"Setting '{Setting}__{key}' must be an absolute http(s) URI.");
        }
        return string.IsNullOrWhiteSpace(accountName) ? null : new Uri($"https://{accountName}.{service}.core.windows.net");
    }

    /// <summary>The same rules as the Functions host: <c>__credential=managedidentity</c> with an optional <c>__clientId</c>.</summary>
    public static TokenCredential Credential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        return string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrWhiteSpace(clientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = string.IsNullOrWhiteSpace(clientId) ? null : clientId });
    }
}
