namespace Steunpunt.LocalHost.Emulators.CommunicationServices;

/// <summary>A mail or SMS the emulator accepted, as the recipient would get it.</summary>
public sealed record OutboxItem
{
    public required long Sequence { get; init; }
    public required string Channel { get; init; }
    public required DateTimeOffset AcceptedAt { get; init; }
    public required string From { get; init; }
    public required IReadOnlyList<string> To { get; init; }

    /// <summary>The display names given with the recipients (mail clients show them next to the address), when any.</summary>
    public IReadOnlyList<string> ToNames { get; init; } = [];

    /// <summary>The e-mail operation id or the SMS message id.</summary>
    public required string Id { get; init; }

    public string? Subject { get; init; }
    public string? PlainText { get; init; }
    public string? Html { get; init; }
    public IReadOnlyList<string> ReplyTo { get; init; } = [];
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    public string? Text { get; init; }
    public string? Tag { get; init; }

    /// <summary><c>Delivered</c>, or the failure a fault rule asked for.</summary>
    public required string DeliveryStatus { get; init; }
}

/// <summary>
/// Every mail and SMS the emulator accepted while the local host runs (kept in memory, gone at restart): readable
/// at <c>/dev/outbox</c> by a person and at <c>/dev/outbox/messages</c> by tests.
/// </summary>
public sealed class DevOutbox
{
    public const string Email = "email";
    public const string Sms = "sms";
    private const int Capacity = 10_000;

    private readonly Lock gate = new();
    private readonly LinkedList<OutboxItem> items = new();
    private long sequence;

    public long NextSequence() => Interlocked.Increment(ref sequence);

    public void Add(OutboxItem item)
    {
        lock (gate)
        {
            // Kept in sequence order (a sequence is taken before the item is added, so two adds could cross), so that a
            // query for what came after a sequence number reads only the newest items.
            var before = items.Last;
            while (before is not null && before.Value.Sequence > item.Sequence) before = before.Previous;
            if (before is null) items.AddFirst(item);
            else items.AddAfter(before, item);
            if (items.Count > Capacity) items.RemoveFirst();
        }
    }

    /// <summary>Oldest first. With <paramref name="after"/>, only the items newer than that sequence number are looked at.</summary>
    public IReadOnlyList<OutboxItem> Query(string? channel = null, string? to = null, long after = 0)
    {
        var found = new List<OutboxItem>();
        lock (gate)
        {
            // Walk back from the newest until the sequence number: a caller that follows the outbox with a cursor (a
            // test, the benchmark polling every few milliseconds) pays for the new items, not for all ten thousand.
            for (var node = items.Last; node is not null && node.Value.Sequence > after; node = node.Previous)
            {
                var item = node.Value;
                if (channel is not null && !string.Equals(item.Channel, channel, StringComparison.OrdinalIgnoreCase)) continue;
                if (to is not null && !item.To.Contains(to, StringComparer.OrdinalIgnoreCase)) continue;
                found.Add(item);
            }
        }
        found.Reverse();
        return found;
    }

    public void Clear()
    {
        lock (gate) items.Clear();
    }
}
