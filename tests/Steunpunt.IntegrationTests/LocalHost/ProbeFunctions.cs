using System.Collections.Concurrent;
using Microsoft.Azure.Functions.Worker;

namespace Steunpunt.IntegrationTests.LocalHost;

/// <summary>Functions that exist only to watch the local host's trigger semantics.</summary>
public sealed class ProbeFunctions
{
    public const string Queue = "localhost-probe";
    public static readonly ConcurrentDictionary<string, int> Attempts = new();
    public static readonly ConcurrentQueue<TimerInfo> Ticks = new();

    /// <summary>Fails the first attempts of a message whose text is "fail-N" (N attempts), then succeeds.</summary>
    [Function("ProbeQueue")]
    public void OnMessage([QueueTrigger(Queue)] string message)
    {
        var attempt = Attempts.AddOrUpdate(message, 1, (_, n) => n + 1);
        if (message.StartsWith("fail-", StringComparison.Ordinal) && attempt <= int.Parse(message.Split('-')[1])) throw new InvalidOperationException("probe failure");
    }

    [Function("ProbeTimer")]
    public void OnTick([TimerTrigger("0 0 * * * *")] TimerInfo timer) => Ticks.Enqueue(timer);
}
