using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors.Events;

namespace Steunpunt.LocalHost.Emulators.CommunicationServices;

/// <summary>A system event the emulator publishes, and what became of its delivery.</summary>
public sealed record PublishedEvent(string Id, string Type, string Subject, DateTimeOffset Time, object Data)
{
    public string Delivery { get; set; } = "pending";
}

/// <summary>
/// Event Grid's push delivery, locally: before the first event the webhook must answer the subscription-validation
/// handshake (as Event Grid demands), then events are posted as Event Grid schema arrays with
/// <c>aeg-event-type: Notification</c>, retried with back-off while the webhook fails.
/// </summary>
public sealed class EventGridPublisher(IOptions<EventGridEmulatorOptions> options, TimeProvider clock, ILogger<EventGridPublisher> logger) : BackgroundService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Tries per event, 250 ms apart and doubling: a local stand-in for Event Grid's retry schedule, short enough for tests.</summary>
    private const int DeliveryAttempts = 6;
    private readonly Channel<(PublishedEvent Event, DateTimeOffset NotBefore)> pending = Channel.CreateUnbounded<(PublishedEvent, DateTimeOffset)>();
    private readonly List<PublishedEvent> recent = [];
    private readonly Lock gate = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private bool validated;

    public const string Topic = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/local/providers/Microsoft.Communication/communicationServices/emulator";

    public void Publish(string type, string subject, object data, TimeSpan delay)
    {
        var published = new PublishedEvent(Guid.NewGuid().ToString(), type, subject, clock.GetUtcNow(), data);
        lock (gate)
        {
            recent.Add(published);
            if (recent.Count > 1000) recent.RemoveAt(0);
        }
        pending.Writer.TryWrite((published, DateTimeOffset.UtcNow + delay));
    }

    public IReadOnlyList<PublishedEvent> Recent()
    {
        lock (gate) return recent.ToList();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (published, notBefore) in pending.Reader.ReadAllAsync(stoppingToken))
            {
                var wait = notBefore - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero) await Task.Delay(wait, stoppingToken);
                _ = DeliverAsync(published, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The local host is stopping; undelivered events go with it, as they would with a stopped emulator.
        }
    }

    private async Task DeliverAsync(PublishedEvent published, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverWithRetriesAsync(published, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            published.Delivery = "not delivered: the local host stopped";
        }
    }

    private async Task DeliverWithRetriesAsync(PublishedEvent published, CancellationToken cancellationToken)
    {
        if (options.Value.Webhook is not { Length: > 0 } webhook)
        {
            published.Delivery = "not sent: no Emulators:EventGrid:Webhook";
            return;
        }
        for (var attempt = 1; attempt <= DeliveryAttempts && !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                if (!validated) validated = await ValidateAsync(webhook, cancellationToken);
                if (validated)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, webhook)
                    {
                        Content = JsonContent.Create(new[] { Envelope(published.Id, published.Type, published.Subject, published.Time, published.Data) }, options: Json),
                    };
                    request.Headers.Add("aeg-event-type", "Notification");
                    using var response = await http.SendAsync(request, cancellationToken);
                    // Event Grid counts only 200-204 as delivered.
                    if ((int)response.StatusCode is >= 200 and <= 204)
                    {
                        published.Delivery = "delivered";
                        return;
                    }
                    published.Delivery = $"attempt {attempt}: webhook answered {(int)response.StatusCode}";
                }
                else
                {
                    published.Delivery = $"attempt {attempt}: webhook did not pass subscription validation";
                }
            }
            catch (HttpRequestException exception)
            {
                published.Delivery = $"attempt {attempt}: {exception.GetType().Name}";
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1)), cancellationToken);
        }
        logger.LogWarning("Event {EventId} ({EventType}) not delivered: {Delivery}.", published.Id, published.Type, published.Delivery);
    }

    private async Task<bool> ValidateAsync(string webhook, CancellationToken cancellationToken)
    {
        var code = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook)
        {
            Content = JsonContent.Create(new[]
            {
                Envelope(Guid.NewGuid().ToString(), CommunicationEventTypes.SubscriptionValidation, "", clock.GetUtcNow(),
                    new { validationCode = code, validationUrl = (string?)null }),
            }, options: Json),
        };
        request.Headers.Add("aeg-event-type", "SubscriptionValidation");
        using var response = await http.SendAsync(request, cancellationToken);
        // Event Grid takes the handshake only from a 200 (a 202 is refused), with the code in the body.
        if (response.StatusCode != System.Net.HttpStatusCode.OK) return false;
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        var ok = body.RootElement.TryGetProperty("validationResponse", out var answer) && answer.GetString() == code;
        if (ok) logger.LogInformation("Event Grid emulator: webhook subscription validated.");
        return ok;
    }

    private static object Envelope(string id, string type, string subject, DateTimeOffset time, object data) => new
    {
        id,
        topic = Topic,
        subject,
        eventType = type,
        eventTime = time,
        data,
        dataVersion = "1.0",
        metadataVersion = "1",
    };

    public override void Dispose()
    {
        http.Dispose();
        base.Dispose();
    }
}
