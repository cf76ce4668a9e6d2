using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.Events;
using Steunpunt.Connectors.Sms;

namespace Steunpunt.Reminders.Sending;

/// <summary>
/// Numbers that replied STOP, kept as a keyed hash (HMAC-SHA256 with a key the app made for itself) of the E.164
/// number, never the number. Handles the inbound-SMS event from Event Grid.
/// </summary>
public sealed class SmsOptOuts(StorageAccount storage, AppSecrets secrets, TimeProvider clock) : ICommunicationEventHandler
{
    public const string KeyName = "sms-optout-hash";
    private const string RowKeyValue = "optout";
    private TableClient Table => storage.Tables.GetTableClient(StorageNames.Tables.SmsOptOuts);

    public string EventType => CommunicationEventTypes.SmsReceived;

    public static bool IsStop(string? message) => string.Equals(message?.Trim(), "STOP", StringComparison.OrdinalIgnoreCase);

    public async Task HandleAsync(CommunicationEvent communicationEvent, CancellationToken cancellationToken)
    {
        if (!IsStop(EventGridPayload.PropertyText(communicationEvent.Data, "message"))) return;
        var from = EventGridPayload.PropertyText(communicationEvent.Data, "from");
        if (string.IsNullOrWhiteSpace(from)) return;
        var (e164, _) = PhoneNumberRules.Normalise(from, PhoneNumberUse.Sms);
        await Table.UpsertEntityAsync(new TableEntity(await HashAsync(e164 ?? from.Trim(), cancellationToken), RowKeyValue) { ["At"] = clock.GetUtcNow() },
            TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> IsOptedOutAsync(string e164, CancellationToken cancellationToken)
        => (await Table.GetEntityIfExistsAsync<TableEntity>(await HashAsync(e164, cancellationToken), RowKeyValue, select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;

    private async Task<string> HashAsync(string e164, CancellationToken cancellationToken)
        => Convert.ToHexString(HMACSHA256.HashData(await secrets.KeyAsync(KeyName, cancellationToken), Encoding.UTF8.GetBytes(e164)));
}
