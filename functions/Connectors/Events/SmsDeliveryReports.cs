using Azure;
using Azure.Data.Tables;
using Steunpunt.Common.Storage;

namespace Steunpunt.Connectors.Events;

/// <summary>The last delivery status of an SMS, by the message id the send returned.</summary>
public sealed record SmsDeliveryReport(string MessageId, string DeliveryStatus, string? Details, string? Tag, DateTimeOffset? ReceivedAt);

/// <summary>
/// Keeps delivery reports by message id; the recipient's number is deliberately not stored (the message id and our
/// tag are enough to find the SMS), so nothing here is personal data.
/// </summary>
public sealed class SmsDeliveryReports(StorageAccount storage) : ICommunicationEventHandler
{
    public string EventType => CommunicationEventTypes.SmsDeliveryReportReceived;

    private TableClient Table => storage.Tables.GetTableClient(StorageNames.Tables.SmsDeliveryReports);

    public async Task HandleAsync(CommunicationEvent communicationEvent, CancellationToken cancellationToken)
    {
        var data = communicationEvent.Data;
        var messageId = EventGridPayload.PropertyText(data, "messageId");
        var status = EventGridPayload.PropertyText(data, "deliveryStatus");
        if (messageId is null || status is null) return; // Nothing to match it to; a retry would not change that.

        var receivedAt = DateTimeOffset.TryParse(EventGridPayload.PropertyText(data, "receivedTimestamp"), out var at) ? at : communicationEvent.Time;
        var entity = new TableEntity(Key(messageId), "status")
        {
            ["DeliveryStatus"] = status,
            ["Details"] = EventGridPayload.PropertyText(data, "deliveryStatusDetails"),
            ["Tag"] = EventGridPayload.PropertyText(data, "tag"),
            ["ReceivedAt"] = receivedAt,
            ["EventId"] = communicationEvent.Id,
        };
        // Redelivered events overwrite with the same values; an older report never replaces a newer one.
        var existing = await FindAsync(messageId, cancellationToken);
        if (existing?.ReceivedAt is { } known && receivedAt is { } incoming && incoming < known) return;
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<SmsDeliveryReport?> FindAsync(string messageId, CancellationToken cancellationToken)
    {
        try
        {
            var row = (await Table.GetEntityAsync<TableEntity>(Key(messageId), "status", cancellationToken: cancellationToken)).Value;
            return new SmsDeliveryReport(messageId, row.GetString("DeliveryStatus"), row.GetString("Details"), row.GetString("Tag"), row.GetDateTimeOffset("ReceivedAt"));
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Message ids are the service's; keep only characters a partition key may hold.</summary>
    private static string Key(string messageId) => new(messageId.Where(c => c is not ('/' or '\\' or '#' or '?') && !char.IsControl(c)).ToArray());
}
