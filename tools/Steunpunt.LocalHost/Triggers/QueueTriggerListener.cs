using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Storage;
using Steunpunt.LocalHost.Discovery;
using Steunpunt.LocalHost.Settings;

namespace Steunpunt.LocalHost.Triggers;

/// <summary>
/// Runs one queue-triggered function with the Functions host's queue semantics: batches of <c>batchSize</c>,
/// a new batch once in-flight work drops to <c>newBatchThreshold</c>, exponential polling back-off up to
/// <c>maxPollingInterval</c>, a failed message made visible again after <c>visibilityTimeout</c>, and after
/// <c>maxDequeueCount</c> failed attempts moved to <c>&lt;queue&gt;-poison</c>. A message is deleted only after
/// the function succeeded, so nothing is dropped. No failure ends the loop (storage may be unreachable for a while): it is
/// logged by type, the loop backs off and carries on.
/// </summary>
public sealed class QueueTriggerListener(
    FunctionInvoker invoker, HostJsonSettings host, StorageAccount storage, IServiceScopeFactory scopes, ILogger<QueueTriggerListener> logger)
    : BackgroundService
{
    /// <summary>How long a received message stays invisible while the function runs.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FirstFailureBackOff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaximumFailureBackOff = TimeSpan.FromSeconds(15);

    private readonly QueueTriggerDescriptor trigger = (QueueTriggerDescriptor)invoker.Function.Trigger;
    private TaskCompletionSource oneFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = storage.RawQueues.GetQueueClient(trigger.QueueName);
        var poison = storage.RawQueues.GetQueueClient(StorageNames.Queues.PoisonOf(trigger.QueueName));
        await WaitForQueueAsync(queue, poison, stoppingToken);

        var delay = MinimumPollingInterval;
        var failures = 0;
        var running = new HashSet<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            // Taken before the check, so a message that finishes right after it still wakes us.
            var finished = Volatile.Read(ref oneFinished).Task;
            if (Volatile.Read(ref inFlight) > host.QueueNewBatchThreshold)
            {
                await finished.WaitAsync(stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(host.QueueBatchSize, Lease, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever the storage client threw (an AggregateException once its own retries are used up): wait, then poll again.
                var backOff = BackOff(++failures);
                logger.LogWarning("Polling queue {Queue} failed ({Error}); retrying in {BackOff}.", trigger.QueueName, exception.GetType().Name, backOff);
                await Task.Delay(backOff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }
            failures = 0;

            if (messages.Length == 0)
            {
                // Exponential back-off while the queue is empty, like the host's random exponential strategy (without the jitter).
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, host.QueueMaxPollingInterval.Ticks));
                continue;
            }
            delay = MinimumPollingInterval;
            foreach (var message in messages)
            {
                Interlocked.Increment(ref inFlight);
                var task = Task.Run(() => ProcessOrLeaveAsync(queue, poison, message, stoppingToken), CancellationToken.None);
                lock (running) running.Add(task);
                _ = task.ContinueWith(t =>
                {
                    lock (running) running.Remove(t);
                    Interlocked.Decrement(ref inFlight);
                    Interlocked.Exchange(ref oneFinished, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                }, TaskScheduler.Default);
            }
        }
        Task[] remaining;
        lock (running) remaining = [.. running];
        await Task.WhenAll(remaining);
    }

    private static TimeSpan BackOff(int failures)
        => TimeSpan.FromTicks(Math.Min(FirstFailureBackOff.Ticks << Math.Min(failures - 1, 10), MaximumFailureBackOff.Ticks));

    private async Task WaitForQueueAsync(QueueClient queue, QueueClient poison, CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Queue {Queue} is not reachable yet ({Error}).", trigger.QueueName, exception.GetType().Name);
                await Task.Delay(BackOff(++failures), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// A message whose settling (delete, update, move to poison) fails stays on the queue as it was: it becomes visible
    /// again when its lease ends and is handled again, as after a crash.
    /// </summary>
    private async Task ProcessOrLeaveAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        try
        {
            await ProcessAsync(queue, poison, message, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            logger.LogWarning("Queue {Queue}: message {MessageId} could not be settled ({Error}); it comes back when its lease ends.",
                trigger.QueueName, message.MessageId, exception.GetType().Name);
        }
    }

    internal async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        var name = invoker.Function.Name;
        if (message.DequeueCount > host.QueueMaxDequeueCount)
        {
            await MoveToPoisonAsync(queue, poison, message, "dequeue count over the maximum");
            return;
        }
        QueueMessage decoded;
        if (host.QueueBase64)
        {
            var text = message.Body.ToString();
            var bytes = new byte[text.Length];
            if (!Convert.TryFromBase64String(text, bytes, out var written))
            {
                await MoveToPoisonAsync(queue, poison, message, "not base64");
                return;
            }
            decoded = QueuesModelFactory.QueueMessage(message.MessageId, message.PopReceipt, new BinaryData(bytes.AsMemory(0, written)),
                message.DequeueCount, message.NextVisibleOn, message.InsertedOn, message.ExpiresOn);
        }
        else
        {
            decoded = message;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await invoker.InvokeAsync(scope.ServiceProvider, new InvocationInput(Message: decoded), stoppingToken);
        }
        catch (Exception exception)
        {
            // The exception type only: a message's content may be personal and never goes into a log.
            logger.LogWarning("Function {Function} failed on message {MessageId} (attempt {Attempt} of {Max}): {Error}.",
                name, message.MessageId, message.DequeueCount, host.QueueMaxDequeueCount, exception.GetType().Name);
            if (message.DequeueCount >= host.QueueMaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, poison, message, "failed on every attempt");
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: host.QueueVisibilityTimeout, cancellationToken: CancellationToken.None);
            }
            return;
        }
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
    }

    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, string reason)
    {
        // Copy first, then delete: if the delete fails the message comes back and is copied again, never lost.
        await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        logger.LogError("Message {MessageId} of queue {Queue} moved to {Poison}: {Reason}.",
            message.MessageId, trigger.QueueName, poison.Name, reason);
    }
}
