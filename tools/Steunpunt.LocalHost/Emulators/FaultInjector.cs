namespace Steunpunt.LocalHost.Emulators;

/// <summary>
/// A fault an emulator injects, set at run time through <c>POST /dev/faults</c> so tests (and people) can see
/// how the app copes with throttling, errors, slowness and failed deliveries.
/// </summary>
public sealed record FaultRule
{
    /// <summary>Which emulated API: <c>email</c>, <c>sms</c> or <c>signalr</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The HTTP status to answer with (429, 500, 503, …); none to only add latency or fail a delivery.</summary>
    public int? Status { get; init; }

    /// <summary>Sent as <c>Retry-After</c> with the status.</summary>
    public int? RetryAfterSeconds { get; init; }

    public int LatencyMs { get; init; }

    /// <summary>How many matching requests the rule hits; 0 keeps it until the faults are cleared.</summary>
    public int Times { get; init; } = 1;

    /// <summary>Process the request, then answer with <see cref="Status"/>: the response is lost, the work is not.</summary>
    public bool AfterAccept { get; init; }

    /// <summary>Only requests for this recipient: an e-mail address, an E.164 number, or a SignalR user, group or connection id.</summary>
    public string? Recipient { get; init; }

    /// <summary>Accept the request, then report this delivery outcome (<c>Failed</c>) instead of delivering.</summary>
    public string? DeliveryStatus { get; init; }

    /// <summary>
    /// SMS only: answer the request 202 but fail <see cref="Recipient"/>'s item with this status (503 gives the
    /// service's <c>ServiceUnavailable</c>), as the service does for a recipient it cannot take at that moment; nothing is sent to it.
    /// </summary>
    public int? RecipientStatus { get; init; }
}

public sealed class FaultInjector
{
    private readonly Lock gate = new();
    private readonly List<(FaultRule Rule, int[] Remaining)> rules = [];

    public static readonly IReadOnlyList<string> Targets = ["email", "sms", "signalr"];

    public void Add(FaultRule rule)
    {
        lock (gate) rules.Add((rule, [rule.Times]));
    }

    public void Clear()
    {
        lock (gate) rules.Clear();
    }

    public IReadOnlyList<FaultRule> Active()
    {
        lock (gate) return rules.Select(r => r.Rule).ToList();
    }

    /// <summary>The request fault (status and/or latency) for the next call to <paramref name="target"/>, used up as it is taken.</summary>
    public FaultRule? TakeRequestFault(string target, IEnumerable<string> recipients)
        => Take(target, recipients, r => r.DeliveryStatus is null && r.RecipientStatus is null);

    /// <summary>The delivery outcome a rule forces for this recipient, if any.</summary>
    public string? TakeDeliveryFault(string target, string recipient)
        => Take(target, [recipient], r => r.DeliveryStatus is not null)?.DeliveryStatus;

    /// <summary>The status a rule gives this recipient's item in an otherwise accepted request, if any.</summary>
    public int? TakeRecipientFault(string target, string recipient)
        => Take(target, [recipient], r => r.RecipientStatus is not null)?.RecipientStatus;

    private FaultRule? Take(string target, IEnumerable<string> recipients, Func<FaultRule, bool> kind)
    {
        var list = recipients as IReadOnlyCollection<string> ?? recipients.ToList();
        lock (gate)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                var (rule, remaining) = rules[i];
                if (!kind(rule) || !string.Equals(rule.Target, target, StringComparison.OrdinalIgnoreCase)) continue;
                if (rule.Recipient is not null && !list.Contains(rule.Recipient, StringComparer.OrdinalIgnoreCase)) continue;
                if (rule.Times > 0 && --remaining[0] <= 0) rules.RemoveAt(i);
                return rule;
            }
        }
        return null;
    }
}
