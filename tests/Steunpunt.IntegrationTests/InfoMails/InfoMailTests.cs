using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.InfoMails;
using Steunpunt.LocalHost.Emulators;
using Steunpunt.LocalHost.Emulators.CommunicationServices;

namespace Steunpunt.IntegrationTests.InfoMails;

/// <summary>
/// Information mails through the local host, Azurite and the Communication Services emulator: preview, send → queue → the
/// dev outbox, exactly one mail under redelivery and injected faults, bad input, satisfaction and the address purge.
/// </summary>
[Collection(LocalHostCollection.Name)]
public class InfoMailTests(LocalHostFixture fixture)
{
    private InfoMailStore Store => fixture.Services.GetRequiredService<InfoMailStore>();
    private InfoMailOptions Options => fixture.Services.GetRequiredService<IOptions<InfoMailOptions>>().Value;

    private static string NewAddress() => $"infomail-{Guid.NewGuid():N}@example.org";

    private async Task<HttpResponseMessage> StaffPostAsync(string url, object body)
    {
        var request = fixture.StaffRequest(HttpMethod.Post, url, await fixture.StaffTokenAsync("staff"));
        request.Content = JsonContent.Create(body, options: JsonDefaults.Web);
        return await fixture.Client.SendAsync(request);
    }

    private async Task<Guid> SendAsync(string to, string crimeType = "violence", string language = "nl", string? name = "Sanne", string[]? extraBlocks = null)
    {
        var response = await StaffPostAsync("/api/info-mails", new { recipient = to, name, crimeType, language, extraBlocks });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("queued", body.GetProperty("status").GetString());
        return body.GetProperty("id").GetGuid();
    }

    private async Task<TableEntity> RowAsync(Guid id)
    {
        Assert.True(InfoMailIds.TryParse(id.ToString(), out _, out var createdAt));
        return (await Store.FindAsync(id, createdAt, default))!;
    }

    private Task<TableEntity> WhenSentAsync(Guid id)
        => LocalHostFixture.EventuallyAsync(async () =>
        {
            Assert.True(InfoMailIds.TryParse(id.ToString(), out _, out var createdAt));
            var row = await Store.FindAsync(id, createdAt, default);
            return row?.GetString("Status") == InfoMailStatus.Sent ? row : null;
        }, "the information mail to be sent", seconds: 30);

    /// <summary>The one mail to <paramref name="to"/>, once the queue is drained: a second one would be in the outbox by then.</summary>
    private async Task<OutboxItem> TheOnlyMailAsync(string to)
    {
        await LocalHostFixture.EventuallyAsync(async () => (await fixture.OutboxAsync(DevOutbox.Email, to)).Count > 0 ? "" : null, "the mail in the outbox", seconds: 30);
        await fixture.DrainedAsync(StorageNames.Queues.InfoMails);
        return Assert.Single(await fixture.OutboxAsync(DevOutbox.Email, to));
    }

    private InfoMailMessage Message(string to, string? name = "Bert")
    {
        var now = fixture.Clock.GetUtcNow();
        return new InfoMailMessage(InfoMailMessage.CurrentSchemaVersion, InfoMailIds.New(now), now, to, name, "burglary", "en",
            ["what-happens-next", "burglary-practical", "insurance", "police-report", "emotional-reactions", "contact"], "test-staff");
    }

    /// <summary>Runs the queue function on this message now, as the Functions host's admin endpoint does.</summary>
    private async Task DeliverNowAsync(InfoMailMessage message)
    {
        // With a Content-Length (not chunked): the admin endpoint reads the body only when it has one.
        var response = await fixture.Client.PostAsync("/admin/functions/DeliverInfoMail", new StringContent(
            JsonSerializer.Serialize(new { input = JsonSerializer.Serialize(message, JsonDefaults.Web) }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    /// <summary>
    /// A good mail sent now goes through the same queue as anything queued for <paramref name="to"/> before it; once the
    /// sentinel is sent and the queue is drained (the queue runs messages in parallel, so the sentinel alone does not prove
    /// an earlier one finished), a mail for <paramref name="to"/> would be in the outbox and its row in the table.
    /// </summary>
    private async Task NothingQueuedOrSentForAsync(string to)
    {
        await WhenSentAsync(await SendAsync(NewAddress()));
        await fixture.DrainedAsync(StorageNames.Queues.InfoMails);
        Assert.Empty(await fixture.OutboxAsync(DevOutbox.Email, to));
        var table = fixture.Storage.Tables.GetTableClient(StorageNames.Tables.InfoMails);
        Assert.Empty(await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Recipient eq {to}")).ToListAsync());
    }

    [Fact]
    public async Task Preview_shows_the_mail_as_it_would_be_sent_and_sends_nothing()
    {
        var to = NewAddress();
        var response = await StaffPostAsync("/api/info-mails/preview",
            new { recipient = to, name = "Sanne", crimeType = "violence", language = "nl", extraBlocks = new[] { "joining-criminal-case" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Informatie na ons telefoongesprek", preview.GetProperty("subject").GetString());
        Assert.Contains("<p>Beste Sanne,</p>", preview.GetProperty("html").GetString());
        Assert.StartsWith("Beste Sanne,", preview.GetProperty("text").GetString());
        Assert.Contains($"{Options.SatisfactionUrl}?ref={InfoMailComposer.PreviewReference}", preview.GetProperty("text").GetString());
        var blocks = preview.GetProperty("blocks").EnumerateArray().Select(b => b.GetString()).ToList();
        Assert.Equal(new[] { "what-happens-next", "victim-rights", "police-report", "compensation-fund", "damage-records", "emotional-reactions", "urgent-help",
            "joining-criminal-case", "contact" }, blocks);

        await NothingQueuedOrSentForAsync(to);
    }

    [Fact]
    public async Task The_content_lists_the_crime_types_and_blocks_for_staff()
    {
        var response = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, "/api/info-mails/content", await fixture.StaffTokenAsync("staff")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var content = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(new[] { "burglary", "fraud", "sexual-offence", "stalking", "traffic-accident", "violence" },
            content.GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("crimeType").GetString()));
        Assert.Equal(20, content.GetProperty("blocks").GetArrayLength());
    }

    [Fact]
    public async Task Staff_endpoints_need_a_staff_token()
    {
        var body = new { recipient = NewAddress(), crimeType = "fraud", language = "nl" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client.PostAsJsonAsync("/api/info-mails", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client.PostAsJsonAsync("/api/info-mails/preview", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client.GetAsync("/api/info-mails/content")).StatusCode);
    }

    [Fact]
    public async Task A_sent_mail_arrives_once_with_the_satisfaction_link_and_the_outcome_is_recorded()
    {
        var to = NewAddress();
        var id = await SendAsync(to, "fraud", "en", name: "Anna <b>de Vries</b>");

        var mail = await TheOnlyMailAsync(to);
        var link = $"{Options.SatisfactionUrl}?ref={InfoMailIds.Reference(id)}";
        Assert.Equal("Information after our phone call", mail.Subject);
        Assert.Contains($"<a href=\"{link}\">", mail.Html);
        Assert.Contains(link, mail.PlainText);
        Assert.Contains("Dear Anna &lt;b&gt;de Vries&lt;/b&gt;,", mail.Html);
        Assert.StartsWith("Dear Anna <b>de Vries</b>,", mail.PlainText);
        Assert.Equal(new[] { to }, mail.To);

        var row = await WhenSentAsync(id);
        Assert.Equal(mail.Id, row.GetString("OperationId"));
        Assert.Equal("fraud", row.GetString("CrimeType"));
        Assert.Equal("en", row.GetString("Language"));
        Assert.Equal("what-happens-next,fraud-help,police-report,digital-safety,legal-help,emotional-reactions,contact", row.GetString("Blocks"));
        Assert.Equal(to, row.GetString("Recipient"));
        Assert.NotNull(row.GetDateTimeOffset("CreatedAt"));
        Assert.NotNull(row.GetDateTimeOffset("SentAt"));
        // Neither the name nor the text of the mail is stored.
        Assert.DoesNotContain(row, property => property.Value is string text && (text.Contains("Anna", StringComparison.Ordinal) || text.Contains("Dear", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_same_queue_message_delivered_twice_sends_one_mail()
    {
        var to = NewAddress();
        var message = Message(to);
        var queue = fixture.Storage.Queues.GetQueueClient(StorageNames.Queues.InfoMails);
        await queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, JsonDefaults.Web)));
        await queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(message, JsonDefaults.Web)));

        await WhenSentAsync(message.InfoMailId);
        await fixture.DrainedAsync(StorageNames.Queues.InfoMails);
        await DeliverNowAsync(message); // and a third time, synchronously
        Assert.Single(await fixture.OutboxAsync(DevOutbox.Email, to));
    }

    [Fact]
    public async Task A_redelivery_after_a_send_whose_outcome_was_not_recorded_is_the_same_operation()
    {
        // As if the function died after the mail service accepted the mail but before the row said so.
        var to = NewAddress();
        var message = Message(to);
        await DeliverNowAsync(message);
        var first = await TheOnlyMailAsync(to);
        var row = await RowAsync(message.InfoMailId);
        await fixture.Storage.Tables.GetTableClient(StorageNames.Tables.InfoMails)
            .UpdateEntityAsync(new TableEntity(row.PartitionKey, row.RowKey) { ["Status"] = InfoMailStatus.Sending }, ETag.All, TableUpdateMode.Merge);

        await DeliverNowAsync(message);

        Assert.Equal(first.Id, Assert.Single(await fixture.OutboxAsync(DevOutbox.Email, to)).Id);
        Assert.Equal(InfoMailStatus.Sent, (await RowAsync(message.InfoMailId)).GetString("Status"));
    }

    [Fact]
    public async Task Throttling_with_retry_after_gives_exactly_one_mail()
    {
        var to = NewAddress();
        await fixture.InjectAsync(new FaultRule { Target = "email", Status = 429, RetryAfterSeconds = 1, Recipient = to });

        var id = await SendAsync(to);

        await WhenSentAsync(id);
        await TheOnlyMailAsync(to);
    }

    [Fact]
    public async Task A_server_error_after_the_mail_was_accepted_gives_exactly_one_mail()
    {
        var to = NewAddress();
        await fixture.InjectAsync(new FaultRule { Target = "email", Status = 500, AfterAccept = true, Recipient = to });

        var id = await SendAsync(to, "traffic-accident");

        await WhenSentAsync(id);
        await TheOnlyMailAsync(to);
    }

    [Fact]
    public async Task Server_errors_outlasting_the_client_retries_are_retried_by_the_queue_without_a_second_mail()
    {
        // The first attempt is accepted, then every answer of that delivery is lost (1 + 4 retries): the function fails,
        // the queue delivers the message again, and the same idempotency key finds the same operation.
        var to = NewAddress();
        await fixture.InjectAsync(new FaultRule { Target = "email", Status = 500, AfterAccept = true, Times = 5, Recipient = to });

        var id = await SendAsync(to, "sexual-offence");

        await WhenSentAsync(id);
        await TheOnlyMailAsync(to);
        // All five faults were used up, more than one delivery's attempts: so the queue did deliver it again.
        var active = await fixture.Client.GetFromJsonAsync<List<FaultRule>>("/dev/faults", JsonDefaults.Web);
        Assert.DoesNotContain(active!, rule => rule.Recipient == to);
    }

    /// <summary>Bodies with one flaw each; ADDRESS becomes a fresh address of the test's own.</summary>
    public static TheoryData<string, HttpStatusCode, string> BadRequests => new()
    {
        { """{"recipient":"Anna <ADDRESS>","crimeType":"violence","language":"nl"}""", HttpStatusCode.BadRequest, "recipient" },
        { """{"recipient":"ADDRESS, x@example.org","crimeType":"violence","language":"nl"}""", HttpStatusCode.BadRequest, "recipient" },
        { """{"recipient":"ADDRESS\r\nBcc: x@example.org","crimeType":"violence","language":"nl"}""", HttpStatusCode.BadRequest, "recipient" },
        { """{"recipient":"ADDRESS","name":"Anna\r\nBcc: x@example.org","crimeType":"violence","language":"nl"}""", HttpStatusCode.BadRequest, "regeleinden" },
        { """{"recipient":"ADDRESS","name":"Anna\u0000","crimeType":"violence","language":"nl"}""", HttpStatusCode.BadRequest, "name" },
        { """{"recipient":"ADDRESS","crimeType":"shoplifting","language":"nl"}""", HttpStatusCode.BadRequest, "Onbekend delicttype 'shoplifting'" },
        { """{"recipient":"ADDRESS","crimeType":"violence","language":"nl","extraBlocks":["privacy","horoscoop"]}""", HttpStatusCode.BadRequest, "Onbekend blok 'horoscoop'" },
        { """{"recipient":"ADDRESS","crimeType":"violence","language":"fr"}""", HttpStatusCode.BadRequest, "language" },
        { """{"recipient":"ADDRESS","crimeType":"violence"}""", HttpStatusCode.BadRequest, "language" },
        { """{"recipient":"ADDRESS","crimeType":"violence","language":"nl","cc":"x@example.org"}""", HttpStatusCode.BadRequest, "Onbekend veld 'cc'" },
        { """{"recipient":"ADDRESS","crimeType":"violence","language":"nl","name":"PADDING"}""", HttpStatusCode.RequestEntityTooLarge, "payload-too-large" },
        { """{"recipient":"ADDRESS","crimeType":"violence",""", HttpStatusCode.BadRequest, "malformed-json" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_a_problem_and_nothing_is_queued_or_sent(string json, HttpStatusCode status, string says)
    {
        var to = NewAddress();
        json = json.Replace("ADDRESS", to, StringComparison.Ordinal).Replace("PADDING", new string('x', 9000), StringComparison.Ordinal);
        var token = await fixture.StaffTokenAsync("staff");
        foreach (var url in new[] { "/api/info-mails", "/api/info-mails/preview" })
        {
            var request = fixture.StaffRequest(HttpMethod.Post, url, token);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            var response = await fixture.Client.SendAsync(request);

            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, await response.Content.ReadAsStringAsync());
        }

        await NothingQueuedOrSentForAsync(to);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused()
    {
        var request = fixture.StaffRequest(HttpMethod.Post, "/api/info-mails", await fixture.StaffTokenAsync("staff"));
        request.Content = new StringContent("recipient=a@example.org", Encoding.UTF8, "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await fixture.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_mail_is_rated_once()
    {
        var message = Message(NewAddress());
        await DeliverNowAsync(message);
        var url = $"/api/info-mails/{InfoMailIds.Reference(message.InfoMailId)}/satisfaction";

        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client.PostAsJsonAsync(url, new { score = 6 })).StatusCode);
        var first = await fixture.Client.PostAsJsonAsync(url, new { score = 4, comment = "Duidelijk, dank u." });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await fixture.Client.PostAsJsonAsync(url, new { score = 1 });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already-rated", await second.Content.ReadAsStringAsync());

        var row = await RowAsync(message.InfoMailId);
        Assert.Equal(4, row.GetInt32("SatisfactionScore"));
        Assert.Equal("Duidelijk, dank u.", row.GetString("SatisfactionComment"));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("not-an-id")]
    [InlineData("random-v4")]
    public async Task Rating_an_unknown_mail_is_a_404(string kind)
    {
        var id = kind switch
        {
            "unknown" => InfoMailIds.Reference(InfoMailIds.New(fixture.Clock.GetUtcNow())),
            "random-v4" => Guid.NewGuid().ToString("N"),
            _ => kind,
        };
        var response = await fixture.Client.PostAsJsonAsync($"/api/info-mails/{id}/satisfaction", new { score = 5 });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_purge_timer_erases_addresses_after_the_retention_period_and_keeps_the_counts()
    {
        fixture.FreshDay();
        // Another run against the same Azurite may have left a watermark at a later (random) day.
        await fixture.Storage.Tables.GetTableClient(StorageNames.Tables.Watermarks).DeleteEntityAsync("watermark", InfoMailAddressPurge.WatermarkName);
        var oldTo = NewAddress();
        var old = await SendAsync(oldTo, "stalking");
        await WhenSentAsync(old);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.PostAsJsonAsync($"/api/info-mails/{InfoMailIds.Reference(old)}/satisfaction",
            new { score = 5, comment = "Fijn om terug te lezen." })).StatusCode);
        fixture.Clock.Advance(TimeSpan.FromDays(Options.RetentionDays - 1));
        var recentTo = NewAddress();
        var recent = await SendAsync(recentTo, "burglary");
        await WhenSentAsync(recent);

        fixture.Clock.Advance(TimeSpan.FromDays(2)); // old is now past the retention period, recent is 2 days old
        var response = await fixture.Client.PostAsync("/admin/functions/PurgeInfoMailAddresses", JsonContent.Create(new { input = "" }));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var erased = await RowAsync(old);
        Assert.Equal("", erased.GetString("Recipient"));
        Assert.Equal("", erased.GetString("SatisfactionComment"));
        Assert.NotNull(erased.GetDateTimeOffset("RecipientErasedAt"));
        // What the measures need stays.
        Assert.Equal("stalking", erased.GetString("CrimeType"));
        Assert.Equal(InfoMailStatus.Sent, erased.GetString("Status"));
        Assert.Equal(5, erased.GetInt32("SatisfactionScore"));
        Assert.Equal(recentTo, (await RowAsync(recent)).GetString("Recipient"));
        Assert.Single(await fixture.OutboxAsync(DevOutbox.Email, oldTo)); // the mail itself was sent once, long ago
    }

    [Fact]
    public async Task A_rating_after_the_purge_keeps_its_score_but_not_its_comment()
    {
        var message = Message(NewAddress());
        await DeliverNowAsync(message);
        var row = await RowAsync(message.InfoMailId);
        await fixture.Storage.Tables.GetTableClient(StorageNames.Tables.InfoMails).UpdateEntityAsync(
            new TableEntity(row.PartitionKey, row.RowKey) { ["Recipient"] = "", ["RecipientErasedAt"] = fixture.Clock.GetUtcNow() }, ETag.All, TableUpdateMode.Merge);

        var response = await fixture.Client.PostAsJsonAsync($"/api/info-mails/{InfoMailIds.Reference(message.InfoMailId)}/satisfaction",
            new { score = 3, comment = "Kort." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rated = await RowAsync(message.InfoMailId);
        Assert.Equal(3, rated.GetInt32("SatisfactionScore"));
        Assert.Null(rated.GetString("SatisfactionComment"));
    }
}
