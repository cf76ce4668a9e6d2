using Azure.Core;
using Azure.Core.Pipeline;

namespace Steunpunt.Common.Storage;

/// <summary>
/// How long a storage call may take. While a caller waits for an HTTP answer, each attempt gets
/// <see cref="WaitingCallerAttemptTimeout"/> and one retry, so an unreachable store shows within seconds (and becomes a
/// 503); background work (queue and timer functions, start-up) keeps the clients' longer retries and can wait out an outage.
/// The HTTP edge marks its calls with <see cref="ForWaitingCaller"/>; every storage client reads the mark, so stores keep one client.
/// </summary>
public static class StorageCallBudget
{
    public static readonly TimeSpan WaitingCallerAttemptTimeout = TimeSpan.FromSeconds(2.5);
    public const int WaitingCallerRetries = 1;

    private static readonly AsyncLocal<bool> callerWaiting = new();

    public static bool CallerIsWaiting => callerWaiting.Value;

    /// <summary>Marks the storage calls of the current async flow (until disposed) as made for a waiting caller.</summary>
    public static IDisposable ForWaitingCaller()
    {
        var previous = callerWaiting.Value;
        callerWaiting.Value = true;
        return new Restore(previous);
    }

    /// <summary>The retry policy for a storage client: its own retry options, bounded while a caller waits.</summary>
    public static RetryPolicy RetryPolicy(RetryOptions retry) => new BudgetedRetryPolicy(retry);

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => callerWaiting.Value = previous;
    }

    private sealed class BudgetedRetryPolicy(RetryOptions retry) : RetryPolicy(retry.MaxRetries, retry.Mode == RetryMode.Exponential
        ? DelayStrategy.CreateExponentialDelayStrategy(retry.Delay, retry.MaxDelay)
        : DelayStrategy.CreateFixedDelayStrategy(retry.Delay))
    {
        protected override void OnSendingRequest(HttpMessage message) => Apply(message);

        protected override ValueTask OnSendingRequestAsync(HttpMessage message)
        {
            Apply(message);
            return default;
        }

        protected override bool ShouldRetry(HttpMessage message, Exception? exception)
            => (!CallerIsWaiting || message.ProcessingContext.RetryNumber < WaitingCallerRetries) && base.ShouldRetry(message, exception);

        protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception)
            => !CallerIsWaiting || message.ProcessingContext.RetryNumber < WaitingCallerRetries ? base.ShouldRetryAsync(message, exception) : new(false);

        private static void Apply(HttpMessage message)
        {
            if (CallerIsWaiting) message.NetworkTimeout = WaitingCallerAttemptTimeout;
        }
    }
}
