using System.Text.Json;

namespace Steunpunt.Connectors.Events;

/// <summary>
/// Reads what Event Grid posts: an array of Event Grid schema events (<c>eventType</c>, <c>data</c>, …), or CloudEvents
/// (<c>specversion</c>, <c>type</c>, …), one or an array.
/// </summary>
public static class EventGridPayload
{
    public static (IReadOnlyList<CommunicationEvent>? Events, string? Error) Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return (null, "De inhoud is geen geldige JSON.");
        }
        using (document)
        {
            var root = document.RootElement;
            var items = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => null,
            };
            if (items is null) return (null, "Verwacht een Event Grid-gebeurtenis of een lijst ervan.");

            var events = new List<CommunicationEvent>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (item.ValueKind != JsonValueKind.Object) return (null, $"Gebeurtenis {i} is geen object.");
                var cloudEvent = item.TryGetProperty("specversion", out _);
                var type = Text(item, cloudEvent ? "type" : "eventType");
                var id = Text(item, "id");
                if (type is null || id is null) return (null, $"Gebeurtenis {i} mist '{(cloudEvent ? "type" : "eventType")}' of 'id'.");
                var time = Text(item, cloudEvent ? "time" : "eventTime");
                var data = item.TryGetProperty("data", out var d) ? d.Clone() : default;
                events.Add(new CommunicationEvent(id, type, Text(item, "subject"),
                    DateTimeOffset.TryParse(time, out var at) ? at : null, data));
            }
            return (events, null);
        }
    }

    private static string? Text(JsonElement item, string name)
        => item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A property of an event's data, matched case-insensitively: published examples spell them both ways.</summary>
    public static JsonElement? Property(JsonElement data, string name)
    {
        if (data.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in data.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
        }
        return null;
    }

    public static string? PropertyText(JsonElement data, string name)
        => Property(data, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
