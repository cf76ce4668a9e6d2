namespace Steunpunt.LocalHost.Emulators.CommunicationServices;

/// <summary>A mail or SMS the emulator accepted, as the recipient would get it.</summary>
public sealed record OutboxItem
{
    public required long Sequence { get; init; }
    public required string Channel { get; init; }
    public required DateTimeOffset AcceptedAt { get; init; }
    public required string From { get; init; }
    public required IReadOnlyList<string> To { get; init; }

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
            items.AddLast(item);
            if (items.Count > Capacity) items.RemoveFirst();
        }
    }

    public IReadOnlyList<OutboxItem> Query(string? channel = null, string? to = null, long after = 0)
    {
        lock (gate)
        {
            return items
                .Where(i => i.Sequence > after)
                .Where(i => channel is null || string.Equals(i.Channel, channel, StringComparison.OrdinalIgnoreCase))
                .Where(i => to is null || i.To.Contains(to, StringComparer.OrdinalIgnoreCase))
                .ToList();
        }
    }

    public void Clear()
    {
        lock (gate) items.Clear();
    }
}
