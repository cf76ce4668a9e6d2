using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.SelfTests.Contact;
using Steunpunt.SelfTests.Funnel;

namespace Steunpunt.IntegrationTests.SelfTests;

/// <summary>The contact-request queue through the local host: redelivery, poison, and the purge timer.</summary>
[Collection(LocalHostCollection.Name)]
public class ContactRequestQueueTests(LocalHostFixture fixture)
{
    private QueueClient Queue => fixture.Storage.Queues.GetQueueClient(StorageNames.Queues.SelfTestContactRequests);
    private QueueClient Poison => fixture.Storage.Queues.GetQueueClient(StorageNames.Queues.PoisonOf(StorageNames.Queues.SelfTestContactRequests));

    private SelfTestContactRequest Request(int schemaVersion = SelfTestContactRequest.CurrentSchemaVersion, DateTimeOffset? at = null)
        => new(schemaVersion, Guid.NewGuid(), "trauma-screen", 1, "phone", "+31612345678", "nl", at ?? fixture.Clock.GetUtcNow(), true, ["talk-to-us"]);

    private async Task<bool> InPoisonAsync(Guid requestId)
    {
        // Peeked raw: the poison queue also holds parked messages that are not base64 (a test below makes them,
        // and a reused Azurite keeps them), which the base64 client cannot even peek past.
        var rawPoison = fixture.Storage.RawQueues.GetQueueClient(Poison.Name);
        foreach (var message in (await rawPoison.PeekMessagesAsync(32)).Value)
        {
            var text = message.Body.ToString();
            var bytes = new byte[text.Length];
            var body = Convert.TryFromBase64String(text, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length) : text;
            if (body.Contains(requestId.ToString(), StringComparison.Ordinal)) return true;
        }
        return false;
    }

    [Fact]
    public async Task A_redelivered_request_is_stored_once()
    {
        var request = Request();
        await Queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(request, JsonDefaults.Web)));
        await Queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(request, JsonDefaults.Web)));
        var store = new ContactRequestStore(fixture.Storage);
        await LocalHostFixture.EventuallyAsync(() => store.FindAsync(request.RequestedAt, request.RequestId, default), "the request to be stored");
        await fixture.DrainedAsync(StorageNames.Queues.SelfTestContactRequests);
        Assert.Single(await fixture.RowsAsync(StorageNames.Tables.SelfTestContactRequests, SelfTestEventStore.DayKey(DateOnly.FromDateTime(request.RequestedAt.UtcDateTime))),
            row => row.RowKey == request.RequestId.ToString("N"));
        Assert.False(await InPoisonAsync(request.RequestId));
    }

    [Fact]
    public async Task A_message_that_always_fails_ends_in_the_poison_queue_after_the_maximum_attempts()
    {
        var request = Request(schemaVersion: 99);
        await Queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(request, JsonDefaults.Web)));
        await LocalHostFixture.EventuallyAsync(async () => await InPoisonAsync(request.RequestId) ? "" : null, "the message to be parked", seconds: 30);
        Assert.Null(await new ContactRequestStore(fixture.Storage).FindAsync(request.RequestedAt, request.RequestId, default));
    }

    [Fact]
    public async Task A_message_that_is_not_base64_is_parked_not_dropped()
    {
        var raw = fixture.Storage.RawQueues.GetQueueClient(StorageNames.Queues.SelfTestContactRequests);
        var marker = "not-base64-" + Guid.NewGuid().ToString("N");
        await raw.SendMessageAsync("{" + marker + "}");
        var rawPoison = fixture.Storage.RawQueues.GetQueueClient(Poison.Name);
        await LocalHostFixture.EventuallyAsync(async () =>
            (await rawPoison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString().Contains(marker)) ? "" : null, "the message to be parked");
    }

    [Fact]
    public async Task The_purge_timer_erases_contact_details_after_the_retention_period_only()
    {
        fixture.FreshDay();
        // Another run against the same Azurite may have left a watermark at a later (random) day.
        await fixture.Storage.Tables.GetTableClient(StorageNames.Tables.Watermarks).DeleteEntityAsync("watermark", ContactDetailPurge.WatermarkName);
        var recentPhone = LocalHostFixture.NewMobile();
        var old = await Submit(LocalHostFixture.NewMobile());
        fixture.Clock.Advance(TimeSpan.FromDays(29));
        var recent = await Submit(recentPhone);
        var store = new ContactRequestStore(fixture.Storage);
        await LocalHostFixture.EventuallyAsync(() => store.FindAsync(old.At, old.Id, default), "the old request to be stored");
        await LocalHostFixture.EventuallyAsync(() => store.FindAsync(recent.At, recent.Id, default), "the recent request to be stored");

        fixture.Clock.Advance(TimeSpan.FromDays(2)); // old is now 31 days old, recent 2
        var response = await fixture.Client.PostAsync("/admin/functions/PurgeSelfTestContactDetails", JsonContent.Create(new { input = "" }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var erased = (await store.FindAsync(old.At, old.Id, default))!;
        Assert.Equal("", erased.GetString("Contact"));
        Assert.NotNull(erased.GetDateTimeOffset("ContactErasedAt"));
        Assert.Equal("phone", erased.GetString("Channel")); // the rest stays for the statistics
        Assert.Equal("+31" + recentPhone[1..].Replace(" ", ""), (await store.FindAsync(recent.At, recent.Id, default))!.GetString("Contact"));

        async Task<(Guid Id, DateTimeOffset At)> Submit(string phone)
        {
            var at = fixture.Clock.GetUtcNow();
            var result = await fixture.Client.PostAsJsonAsync("/api/selftests/trauma-screen/responses", new
            {
                version = 1,
                answers = Enumerable.Range(1, 10).ToDictionary(i => $"q{i}", _ => "no"),
                contactRequest = new { channel = "phone", contact = phone },
            });
            Assert.Equal(HttpStatusCode.OK, result.StatusCode);
            var id = JsonDocument.Parse(await result.Content.ReadAsStringAsync()).RootElement.GetProperty("responseId").GetGuid();
            return (id, at);
        }
    }

    [Fact]
    public async Task Running_an_unknown_function_is_a_404()
        => Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.PostAsync("/admin/functions/Nope", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
}
