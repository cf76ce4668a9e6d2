using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Notifications;
using Steunpunt.Common.Storage;
using Steunpunt.IntegrationTests.Chat;
using Steunpunt.IntegrationTests.Connectors.SignalR;
using Steunpunt.Connectors;
using Steunpunt.Connectors.Email;
using Steunpunt.Connectors.SignalR;
using Steunpunt.LocalHost.Emulators;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.MailIntake;
using Steunpunt.MailIntake.Cases;
using Steunpunt.MailIntake.Sender;
using Steunpunt.StaffNotifications;

namespace Steunpunt.IntegrationTests.MailIntake;

/// <summary>
/// The intake stopped dead after each of its storage requests in turn (the answer came, then the process "died"), and
/// right after the mail service accepted the receipt; then the message came again, twice. Whatever the point, the end is
/// one case with its question, its inbox row and statistics row, the sender remembered right, one receipt and one
/// notification. Real Azurite, the Communication Services and SignalR emulators, and the local host's staff-notification
/// listener for a notification that could not be delivered at once.
/// </summary>
[Collection(LocalHostCollection.Name)]
public class MailIntakeRedeliveryTests(LocalHostFixture fixture)
{
    private AppSecrets Secrets => fixture.Services.GetRequiredService<AppSecrets>();
    private IEmailSender Email => fixture.Services.GetRequiredService<IEmailSender>();

    private sealed class Crash() : Exception("The process stopped here (test).");

    /// <summary>
    /// Lets <paramref name="requests"/> storage requests through with their answers and "dies" when the last answer
    /// arrives; a dead process sends nothing more, so every later request fails before it is sent (code that catches
    /// the first failure and tries something else, such as queueing a notification it could not deliver, gets no further).
    /// </summary>
    private sealed class CrashAfter(int requests) : HttpPipelineSynchronousPolicy
    {
        private int seen;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (Volatile.Read(ref seen) >= requests) throw new Crash();
        }

        public override void OnReceivedResponse(HttpMessage message)
        {
            if (Interlocked.Increment(ref seen) == requests) throw new Crash();
        }
    }

    /// <summary>Sends, then "dies" before the intake hears the answer.</summary>
    private sealed class CrashAfterSend(IEmailSender inner) : IEmailSender
    {
        public async Task<EmailSendResult> SendAsync(EmailMessage message, IdempotencyKey key, WaitUntil wait, CancellationToken cancellationToken)
        {
            await inner.SendAsync(message, key, wait, cancellationToken);
            throw new Crash();
        }
    }

    private StorageAccount Storage(HttpPipelinePolicy? crash)
    {
        var connectionString = fixture.Services.GetRequiredService<IConfiguration>()[StorageAccount.Setting]!;
        var tables = new TableClientOptions();
        var queues = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (crash is not null)
        {
            tables.AddPolicy(crash, HttpPipelinePosition.PerCall);
            queues.AddPolicy(crash, HttpPipelinePosition.PerCall);
        }
        return new StorageAccount
        {
            Tables = new TableServiceClient(connectionString, tables),
            Queues = new QueueServiceClient(connectionString, queues),
            RawQueues = new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }),
        };
    }

    private MailCaseIntake Intake(StorageAccount storage, IEmailSender email)
    {
        var delivery = new StaffNotificationDelivery(new StaffNotificationStore(storage), fixture.Services.GetRequiredService<IRealtimeMessenger>(), email,
            fixture.Services.GetRequiredService<TeamMailbox>(), NullLogger<StaffNotificationDelivery>.Instance);
        return new(new MailCaseStore(storage), new MailSenders(storage, Secrets), new MailLinkKeys(Secrets), email, new StaffNotifier(delivery, new WorkQueue(storage), fixture.Services.GetRequiredService<TeamMailbox>(), NullLogger<StaffNotifier>.Instance),
            fixture.Services.GetRequiredService<IOptions<MailIntakeOptions>>(), fixture.Services.GetRequiredService<MailSenderLimiter>(), NullLogger<MailCaseIntake>.Instance);
    }

    private MailIntakeMessage Message(string address, TimeSpan later)
    {
        var caseId = Guid.NewGuid();
        return new MailIntakeMessage(MailIntakeMessage.CurrentSchemaVersion, caseId, MailIntakeRules.Reference(caseId), fixture.Clock.GetUtcNow().Add(later),
            address, "Sanne", "burglary", "Er is ingebroken. Wat moet ik doen?", true, "nl");
    }

    private static async Task<bool> CrashesAsync(MailCaseIntake intake, MailIntakeMessage message)
    {
        try
        {
            await intake.HandleAsync(message, default);
            return false;
        }
        catch (Crash)
        {
            return true;
        }
    }

    [Theory]
    [InlineData(false, 5)] // sender insert, case transaction, inbox row, statistics row, notification row
    [InlineData(true, 7)]  // the sender insert's 409, the sender read and its conditional merge instead of the insert
    public async Task A_redelivery_after_a_crash_at_any_step_gives_one_case_one_receipt_and_one_notification(bool knownSender, int storageRequests)
    {
        var healthy = Intake(fixture.Storage, Email);
        var crashPoints = 0;
        var cases = new List<string>();
        for (var crashAfter = 1; crashAfter <= storageRequests + 1; crashAfter++)
        {
            var address = $"herhaald-{Guid.NewGuid():N}@example.org";
            var earlier = knownSender ? Message(address, TimeSpan.Zero) : null;
            if (earlier is not null) await healthy.HandleAsync(earlier, default);
            var message = Message(address, TimeSpan.FromSeconds(1));

            var crashed = await CrashesAsync(Intake(Storage(new CrashAfter(crashAfter)), Email), message);
            await healthy.HandleAsync(message, default);
            await healthy.HandleAsync(message, default);

            await AssertHandledOnceAsync(message, earlier);
            cases.Add(message.CaseId.ToString("N"));
            if (earlier is not null) cases.Add(earlier.CaseId.ToString("N"));
            if (crashed) crashPoints++;
            else Assert.Equal(storageRequests + 1, crashAfter); // the first delivery made exactly this many storage requests
        }
        Assert.Equal(storageRequests, crashPoints);

        // And right after the mail service accepted the receipt (the last step), before the intake heard so.
        var lastAddress = $"herhaald-{Guid.NewGuid():N}@example.org";
        var first = knownSender ? Message(lastAddress, TimeSpan.Zero) : null;
        if (first is not null) await healthy.HandleAsync(first, default);
        var last = Message(lastAddress, TimeSpan.FromSeconds(1));
        Assert.True(await CrashesAsync(Intake(fixture.Storage, new CrashAfterSend(Email)), last));
        await healthy.HandleAsync(last, default);
        await healthy.HandleAsync(last, default);
        await AssertHandledOnceAsync(last, first);
        cases.Add(last.CaseId.ToString("N"));
        if (first is not null) cases.Add(first.CaseId.ToString("N"));

        var store = new MailCaseStore(fixture.Storage);
        foreach (var id in cases) await store.EraseAsync(id, default);
    }

    [Fact]
    public async Task A_notification_that_cannot_be_pushed_at_once_is_queued_and_pushed_from_the_queue()
    {
        var staff = await SignalRTestKit.StaffAsync(fixture, "Noor " + Guid.NewGuid().ToString("N")[..6]);
        await using var console = await ChatTestKit.ConnectStaffAsync(fixture, staff);
        var message = Message($"herhaald-{Guid.NewGuid():N}@example.org", TimeSpan.Zero);
        // Every push to the staff group fails (503, through the messenger's retries) until the faults are cleared.
        await fixture.InjectAsync(new FaultRule { Target = "signalr", Status = 503, Times = 0, Recipient = SignalRGroups.Staff });
        try
        {
            await Intake(fixture.Storage, Email).HandleAsync(message, default);
        }
        finally
        {
            (await fixture.Client.DeleteAsync("/dev/faults")).EnsureSuccessStatusCode();
        }

        // Only the queue's PushStaffNotification can have pushed it now.
        var id = message.CaseId.ToString("N");
        await console.WaitForAsync("notification", e => e.GetProperty("reference").GetString() == id, "the notification, pushed from the queue");
        await AssertHandledOnceAsync(message, earlier: null);
        await new MailCaseStore(fixture.Storage).EraseAsync(id, default);
    }

    [Fact]
    public async Task A_case_stored_with_its_question_as_a_row_of_its_own_still_shows_it_first()
    {
        // The layout before the question moved onto the case row: the case row without it, and the question as row m1.
        var id = Guid.NewGuid().ToString("N");
        var at = fixture.Clock.GetUtcNow();
        var cases = fixture.Storage.Tables.GetTableClient(StorageNames.Tables.MailCases);
        await cases.AddEntityAsync(new MailCase { PartitionKey = id, Reference = MailIntakeRules.Reference(Guid.Parse(id)), ReceivedAt = at, ReplyAddress = "oud@example.org", LastSequence = 2 });
        await cases.AddEntityAsync(new MailThreadEntry { PartitionKey = id, RowKey = MailThreadEntry.Key(1), Text = "De oude vraag", At = at });
        await cases.AddEntityAsync(new MailThreadEntry { PartitionKey = id, RowKey = MailThreadEntry.Key(2), From = MailParties.Staff, Text = "Het antwoord", At = at.AddHours(1) });

        var store = new MailCaseStore(fixture.Storage);
        var thread = await store.ThreadAsync((await store.FindAsync(id, default))!, default);

        Assert.Equal([(1, "De oude vraag"), (2, "Het antwoord")], thread.Select(e => (e.Sequence, e.Text)));
        await store.EraseAsync(id, default);
    }

    [Fact]
    public async Task A_new_case_keeps_its_question_on_the_case_row_and_replies_follow_it()
    {
        var message = Message($"vraag-{Guid.NewGuid():N}@example.org", TimeSpan.Zero);
        await Intake(fixture.Storage, Email).HandleAsync(message, default);
        var id = message.CaseId.ToString("N");
        var cases = fixture.Storage.Tables.GetTableClient(StorageNames.Tables.MailCases);
        await cases.AddEntityAsync(new MailThreadEntry { PartitionKey = id, RowKey = MailThreadEntry.Key(2), From = MailParties.Staff, Text = "Het antwoord", At = message.ReceivedAt.AddHours(1) });

        var store = new MailCaseStore(fixture.Storage);
        var mailCase = (await store.FindAsync(id, default))!;
        Assert.Equal(message.Question, mailCase.Question);
        Assert.False((await cases.GetEntityIfExistsAsync<TableEntity>(id, MailThreadEntry.Key(1))).HasValue, "no row m1");
        Assert.Equal([(1, MailParties.Sender, message.Question), (2, MailParties.Staff, "Het antwoord")],
            (await store.ThreadAsync(mailCase, default)).Select(e => (e.Sequence, e.From, e.Text)));
        await store.EraseAsync(id, default);
    }

    private async Task AssertHandledOnceAsync(MailIntakeMessage message, MailIntakeMessage? earlier)
    {
        var id = message.CaseId.ToString("N");
        var store = new MailCaseStore(fixture.Storage);
        var mailCase = await store.FindAsync(id, default);
        Assert.NotNull(mailCase);
        Assert.Equal(earlier is not null, mailCase.RepeatContact);
        Assert.Equal(["Er is ingebroken. Wat moet ik doen?"], (await store.ThreadAsync(mailCase, default)).Select(e => e.Text));

        var tables = fixture.Storage.Tables;
        Assert.True((await tables.GetTableClient(StorageNames.Tables.MailInbox).GetEntityIfExistsAsync<TableEntity>(MailCaseStatus.New, MailCaseStore.InboxKey(mailCase))).HasValue, "inbox row");
        var stats = await tables.GetTableClient(StorageNames.Tables.MailStats).GetEntityIfExistsAsync<TableEntity>(MailCaseStore.MonthKey(message.ReceivedAt), id);
        Assert.True(stats.HasValue, "statistics row");
        Assert.Equal(earlier is not null, stats.Value!.GetBoolean("RepeatContact"));

        var senders = new MailSenders(fixture.Storage, Secrets);
        var sender = (await tables.GetTableClient(StorageNames.Tables.MailSenders).GetEntityAsync<TableEntity>(await senders.HashAsync(message.ReplyAddress, default), "sender")).Value;
        Assert.Equal(earlier?.CaseId.ToString("N") ?? id, sender.GetString("FirstCaseId"));
        Assert.Equal(id, sender.GetString("LastCaseId"));
        Assert.Equal(message.ReceivedAt, sender.GetDateTimeOffset("LastSeen"));

        var receipts = (await fixture.OutboxAsync(DevOutbox.Email, message.ReplyAddress)).Where(m => m.Subject!.Contains(message.Reference, StringComparison.Ordinal));
        Assert.Single(receipts);

        // Every delivery raised the notification with the same id and time, so it is stored once (and a console drops repeats by id).
        var notifications = tables.GetTableClient(StorageNames.Tables.StaffNotifications);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {StaffNotificationStore.DayKey(message.ReceivedAt)} and Reference eq {id}");
        var stored = await LocalHostFixture.EventuallyAsync(async () =>
        {
            var rows = new List<TableEntity>();
            await foreach (var row in notifications.QueryAsync<TableEntity>(filter)) rows.Add(row);
            return rows.Count > 0 ? rows : null;
        }, "the mail-received notification");
        Assert.Equal(StaffNotificationKinds.MailReceived, Assert.Single(stored).GetString("Kind"));
    }
}
