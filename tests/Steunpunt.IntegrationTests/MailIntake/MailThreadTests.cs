using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Json;
using Steunpunt.Common.Notifications;
using Steunpunt.Common.Storage;
using Steunpunt.IntegrationTests.Chat;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.MailIntake;
using Steunpunt.MailIntake.Sender;
using Steunpunt.StaffNotifications;
using static Steunpunt.IntegrationTests.StaffNotifications.StaffNotificationTestKit;

namespace Steunpunt.IntegrationTests.MailIntake;

/// <summary>The mail channel both ways: the continue links in the receipt and the replies, the thread they open, and the sender writing again.</summary>
[Collection(LocalHostCollection.Name)]
public class MailThreadTests(LocalHostFixture fixture)
{
    private string ContinueUrl => fixture.Services.GetRequiredService<IOptions<MailIntakeOptions>>().Value.ContinueUrl;

    /// <summary>A client address no other test uses, so the limit per address is this test's own.</summary>
    private static string NewClient() => $"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}";

    private sealed record Case(string Id, string Reference, string Address, string Token);

    /// <summary>A form sent, its receipt received, and the token of the receipt's continue link.</summary>
    private async Task<Case> SubmitAsync(bool consent = true, string? client = null)
    {
        var address = $"afzender-{Guid.NewGuid():N}@example.org";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail-intake")
        {
            Content = JsonContent.Create(new { replyAddress = address, question = "Mijn ex volgt mij. Wat kan ik doen?", consentToStore = consent, crimeType = "stalking" }),
        };
        request.Headers.Add("X-Forwarded-For", client ?? NewClient());
        var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reference = (await response.Content.ReadFromJsonAsync<MailIntakeReceipt>(JsonDefaults.Web))!.Reference;
        var receipt = await MailAsync(address, m => m.Subject!.Contains(reference), "the receipt");
        var token = ContinueToken(receipt.PlainText!);
        return new Case(token[..32], reference, address, token);
    }

    private Task<OutboxItem> MailAsync(string to, Func<OutboxItem, bool> match, string what)
        => LocalHostFixture.EventuallyAsync(async () => (await fixture.OutboxAsync(DevOutbox.Email, to)).FirstOrDefault(match), what);

    /// <summary>The token of the one continue link in a mail's text.</summary>
    private string ContinueToken(string text)
        => Assert.Single(Regex.Matches(text, Regex.Escape(ContinueUrl) + @"#([0-9a-f]{32}\.[A-Za-z0-9_-]{43})\b")).Groups[1].Value;

    private async Task<HttpResponseMessage> ReadAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/mail/thread");
        if (token is not null) request.Headers.Add(MailLinks.Header, token);
        return await fixture.Client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> WriteAsync(string? token, HttpContent content, string? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail/thread/messages") { Content = content };
        if (token is not null) request.Headers.Add(MailLinks.Header, token);
        request.Headers.Add("X-Forwarded-For", client ?? NewClient());
        return await fixture.Client.SendAsync(request);
    }

    private Task<HttpResponseMessage> WriteAsync(string? token, object body, string? client = null) => WriteAsync(token, JsonContent.Create(body), client);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<JsonElement> StaffViewAsync(string caseId, string token)
    {
        var response = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, $"/api/staff/mail/{caseId}", token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    private static Predicate<JsonElement> MailMessageFor(string caseId) => e => e.GetProperty("kind").GetString() == StaffNotificationKinds.MailMessage
        && e.GetProperty("reference").GetString() == caseId;

    /// <summary>Claims and answers the case as staff; returns the reply mail once it was sent.</summary>
    private async Task<OutboxItem> ReplyAsync(Case mailCase, string staffToken, string text = "U kunt contact opnemen met de politie.")
    {
        Assert.Equal(HttpStatusCode.OK, (await ChatTestKit.StaffPostAsync(fixture, staffToken, $"/api/staff/mail/{mailCase.Id}/claim")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ChatTestKit.StaffPostAsync(fixture, staffToken, $"/api/staff/mail/{mailCase.Id}/replies", new { text })).StatusCode);
        return await MailAsync(mailCase.Address, m => m.Subject!.StartsWith("Re:") && m.PlainText!.Contains(text), "the staff reply");
    }

    [Fact]
    public async Task Receipt_and_staff_reply_link_to_the_continue_page_with_the_secret_only_in_the_fragment()
    {
        var staff = await fixture.StaffTokenAsync("staff");
        var mailCase = await SubmitAsync();
        var receipt = Assert.Single(await fixture.OutboxAsync(DevOutbox.Email, mailCase.Address));
        var reply = await ReplyAsync(mailCase, staff);
        var replyToken = ContinueToken(reply.PlainText!);
        Assert.NotEqual(mailCase.Token, replyToken);
        Assert.Equal(mailCase.Id, replyToken[..32]);

        foreach (var (mail, token) in new[] { (receipt, mailCase.Token), (reply, replyToken) })
        {
            var secret = token[33..];
            Assert.DoesNotContain("kunt op deze mail antwoorden", mail.PlainText);
            Assert.Contains("Op deze mail kunt u niet antwoorden", mail.PlainText);
            // The HTML links the same URL; no URL in either part carries the secret before its fragment.
            Assert.Contains($"href=\"{ContinueUrl}#{token}\"", mail.Html);
            foreach (Match url in Regex.Matches(mail.PlainText + " " + mail.Html, @"https?://[^\s""<>]+"))
            {
                var beforeFragment = url.Value.Split('#')[0];
                Assert.DoesNotContain(secret, beforeFragment);
                if (url.Value.Contains('#')) Assert.Equal(ContinueUrl, beforeFragment);
            }
            var link = new Uri(ContinueUrl + "#" + token);
            Assert.Equal("", link.Query);
            Assert.Equal(HttpStatusCode.OK, (await ReadAsync(token)).StatusCode);
        }

        // Both pages the links lead to exist on the local host; the continue page sends the token in the header.
        var page = await fixture.Client.GetAsync(new Uri(ContinueUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(MailLinks.Header, await page.Content.ReadAsStringAsync());
        var rating = Regex.Match(reply.PlainText!, @"(https?://\S+\?ref=" + mailCase.Id + ")").Groups[1].Value;
        var ratingPage = await fixture.Client.GetAsync(new Uri(rating).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, ratingPage.StatusCode);
        Assert.Contains("/satisfaction", await ratingPage.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/dev/mail/vervolg")]
    [InlineData("/dev/beoordeel-antwoord?ref=0123456789abcdef0123456789abcdef")]
    public async Task The_local_pages_are_Dutch_run_only_their_own_inline_script_and_are_not_cached(string path)
    {
        var page = await fixture.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nl\">", html);
        Assert.DoesNotContain("<script src", html);
        var script = Regex.Match(html, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        string Hash(string content) => "'sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(content))) + "'";
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains($"script-src {Hash(script)};", policy);
        Assert.Contains($"style-src {Hash(style)};", policy);
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_thread_opens_with_the_right_secret_only_and_a_wrong_one_tells_nothing()
    {
        var mailCase = await SubmitAsync();

        var right = await ReadAsync(mailCase.Token);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.True(right.Headers.CacheControl?.NoStore);
        var thread = await JsonAsync(right);
        Assert.Equal(mailCase.Reference, thread.GetProperty("reference").GetString());
        var question = Assert.Single(thread.GetProperty("messages").EnumerateArray());
        Assert.Equal("sender", question.GetProperty("from").GetString());
        Assert.Equal("Mijn ex volgt mij. Wat kan ik doen?", question.GetProperty("text").GetString());
        Assert.DoesNotContain(mailCase.Address, thread.GetRawText());

        var missing = await ReadAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        var wrongSecret = await ReadAsync(mailCase.Id + "." + MailLinks.NewSecret());
        var unknownCase = await ReadAsync(Guid.NewGuid().ToString("N") + "." + MailLinks.NewSecret());
        var malformed = await ReadAsync(mailCase.Token[..^1]);
        var bodies = new List<string>();
        foreach (var response in new[] { wrongSecret, unknownCase, malformed })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }
        Assert.Single(bodies.Distinct());
        Assert.DoesNotContain(mailCase.Reference, bodies[0]);
        Assert.DoesNotContain(mailCase.Id, bodies[0]);
        Assert.Equal(HttpStatusCode.NotFound, (await WriteAsync(mailCase.Id + "." + MailLinks.NewSecret(), new { text = "Hallo" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WriteAsync(null, new { text = "Hallo" })).StatusCode);
    }

    [Fact]
    public async Task A_message_is_stored_raises_mail_message_and_reopens_a_closed_case_for_its_owner()
    {
        var staff = await Connectors.SignalR.SignalRTestKit.StaffAsync(fixture, "Noor " + Guid.NewGuid().ToString("N")[..6]);
        var mailCase = await SubmitAsync();
        var reply = await ReplyAsync(mailCase, staff.AccessToken, "Wij raden u aan aangifte te doen.");
        Assert.Equal(HttpStatusCode.OK, (await ChatTestKit.StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/mail/{mailCase.Id}/close")).StatusCode);
        Assert.Equal("closed", (await StaffViewAsync(mailCase.Id, staff.AccessToken)).GetProperty("case").GetProperty("status").GetString());

        // Through the link of the reply: every mail's link opens the case.
        var response = await WriteAsync(ContinueToken(reply.PlainText!), new { text = "Dank u. Moet ik dan naar het bureau?" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = await JsonAsync(response);
        Assert.Equal(3, added.GetProperty("seq").GetInt32());
        var view = await StaffViewAsync(mailCase.Id, staff.AccessToken);
        Assert.Equal("assigned", view.GetProperty("case").GetProperty("status").GetString());
        Assert.Equal(staff.Subject, view.GetProperty("case").GetProperty("assignedTo").GetString());
        Assert.False(view.TryGetProperty("closedAt", out _));
        Assert.Equal(["sender", "staff", "sender"], view.GetProperty("thread").EnumerateArray().Select(e => e.GetProperty("from").GetString()));
        Assert.Equal("Dank u. Moet ik dan naar het bureau?", view.GetProperty("thread")[2].GetProperty("text").GetString());
        var assigned = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, "/api/staff/mail?status=assigned", staff.AccessToken));
        Assert.Contains(mailCase.Id, await assigned.Content.ReadAsStringAsync());

        var notification = await EventuallyListedAsync(fixture, staff.AccessToken, MailMessageFor(mailCase.Id), "the mail-message notification");
        Assert.Equal(mailCase.Reference, notification.GetProperty("details").GetProperty("reference").GetString());
        Assert.Equal("true", notification.GetProperty("details").GetProperty("reopened").GetString());
        Assert.DoesNotContain("bureau", notification.GetRawText());

        var thread = await JsonAsync(await ReadAsync(mailCase.Token));
        Assert.Equal([1, 2, 3], thread.GetProperty("messages").EnumerateArray().Select(e => e.GetProperty("seq").GetInt32()));
        Assert.Equal(["sender", "staff", "sender"], thread.GetProperty("messages").EnumerateArray().Select(e => e.GetProperty("from").GetString()));
    }

    [Fact]
    public async Task Messages_and_forms_share_the_limit_per_address_and_the_next_gets_429_with_Retry_After()
    {
        var client = NewClient();
        var limit = fixture.Services.GetRequiredService<IOptions<MailIntakeOptions>>().Value.SubmissionsPerHourPerAddress;
        var mailCase = await SubmitAsync(client: client);
        for (var i = 2; i <= limit; i++) Assert.Equal(HttpStatusCode.Created, (await WriteAsync(mailCase.Token, new { text = $"Aanvulling {i}" }, client)).StatusCode);

        var refused = await WriteAsync(mailCase.Token, new { text = "Nog een aanvulling" }, client);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal("urn:steunpunt:problem:rate-limited", (await JsonAsync(refused)).GetProperty("type").GetString());
        Assert.Equal(limit, (await JsonAsync(await ReadAsync(mailCase.Token))).GetProperty("messages").GetArrayLength());
        Assert.Equal(HttpStatusCode.Created, (await WriteAsync(mailCase.Token, new { text = "Van een ander adres" })).StatusCode);
    }

    [Fact]
    public async Task The_stored_rows_hold_keyed_hashes_of_the_secrets_and_never_a_secret()
    {
        var staff = await fixture.StaffTokenAsync("staff");
        var mailCase = await SubmitAsync();
        var reply = await ReplyAsync(mailCase, staff);
        var replyToken = ContinueToken(reply.PlainText!);
        await LocalHostFixture.EventuallyAsync(async () =>
            (await StaffViewAsync(mailCase.Id, staff)).GetProperty("thread")[1].GetProperty("delivery").GetString() == "sent" ? "" : null, "the reply to be marked sent");
        Assert.Equal(HttpStatusCode.Created, (await WriteAsync(mailCase.Token, new { text = "Nog een vraag." })).StatusCode);
        await EventuallyListedAsync(fixture, staff, MailMessageFor(mailCase.Id), "the mail-message notification");

        var rows = new List<TableEntity>(await fixture.RowsAsync(StorageNames.Tables.MailCases, mailCase.Id));
        foreach (var status in new[] { "new", "assigned", "answered", "closed" })
        {
            rows.AddRange((await fixture.RowsAsync(StorageNames.Tables.MailInbox, status)).Where(r => r.RowKey.EndsWith(mailCase.Id)));
        }
        rows.AddRange((await fixture.RowsAsync(StorageNames.Tables.MailStats, fixture.Clock.GetUtcNow().UtcDateTime.ToString("yyyyMM"))).Where(r => r.RowKey == mailCase.Id));
        await foreach (var row in fixture.Storage.Tables.GetTableClient(StorageNames.Tables.StaffNotifications).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Reference eq {mailCase.Id}")))
        {
            rows.Add(row);
        }
        Assert.True(rows.Count >= 6, $"only {rows.Count} rows found");
        foreach (var secret in new[] { mailCase.Token[33..], replyToken[33..] })
        {
            // Every property, the keys included (a TableEntity holds PartitionKey and RowKey as properties too).
            foreach (var row in rows) Assert.DoesNotContain(row, property => property.Value?.ToString()?.Contains(secret) == true);
        }
        var links = fixture.Services.GetRequiredService<MailLinkKeys>();
        var stored = rows.Single(r => r.RowKey == "case").GetString("LinkHashes").Split(' ');
        Assert.Equal([await links.HashAsync(mailCase.Id, mailCase.Token[33..], default), await links.HashAsync(mailCase.Id, replyToken[33..], default)], stored);
    }

    [Fact]
    public async Task Bad_messages_get_the_Dutch_problem_and_nothing_is_stored_or_raised()
    {
        var staff = await fixture.StaffTokenAsync("staff");
        var mailCase = await SubmitAsync();
        var bad = new (HttpContent Content, HttpStatusCode Status, string? Field)[]
        {
            (JsonContent.Create(new { text = "" }), HttpStatusCode.BadRequest, "text"),
            (JsonContent.Create(new { text = "  \n " }), HttpStatusCode.BadRequest, "text"),
            (JsonContent.Create(new { text = new string('x', 5001) }), HttpStatusCode.BadRequest, "text"),
            (JsonContent.Create(new { text = "bel mij\u0007" }), HttpStatusCode.BadRequest, "text"),
            (JsonContent.Create(new { text = "hallo", extra = 1 }), HttpStatusCode.BadRequest, "extra"),
            (new StringContent("""{"website":""}""", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, null),
            (new StringContent("{text", Encoding.UTF8, "application/json"), HttpStatusCode.BadRequest, null),
            (new StringContent("hallo", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType, null),
            (JsonContent.Create(new { text = new string('x', 40_000) }), HttpStatusCode.RequestEntityTooLarge, null),
        };
        foreach (var (content, status, field) in bad)
        {
            var response = await WriteAsync(mailCase.Token, content);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await JsonAsync(response);
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
            if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field} is not named in {problem}");
        }
        Assert.Contains("hoogstens 5000 tekens", (await (await WriteAsync(mailCase.Token, new { text = new string('x', 5001) })).Content.ReadAsStringAsync()));

        // A good message after them, as the sentinel: once its notification is listed, none came before it.
        Assert.Equal(HttpStatusCode.Created, (await WriteAsync(mailCase.Token, new { text = "Een goed bericht." })).StatusCode);
        await EventuallyListedAsync(fixture, staff, MailMessageFor(mailCase.Id), "the sentinel's mail-message notification");
        var thread = (await JsonAsync(await ReadAsync(mailCase.Token))).GetProperty("messages");
        Assert.Equal(["Mijn ex volgt mij. Wat kan ik doen?", "Een goed bericht."], thread.EnumerateArray().Select(e => e.GetProperty("text").GetString()));
        var raised = Items(await PageAsync(fixture, staff)).Where(e => MailMessageFor(mailCase.Id)(e)).ToList();
        Assert.Equal("2", Assert.Single(raised).GetProperty("details").GetProperty("seq").GetString());
    }

    [Fact]
    public async Task A_filled_honeypot_looks_accepted_and_nothing_is_stored_or_raised()
    {
        var staff = await fixture.StaffTokenAsync("staff");
        var mailCase = await SubmitAsync();

        var response = await WriteAsync(mailCase.Token, new { text = "Koop nu!", website = "http://spam.example" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, (await JsonAsync(response)).GetProperty("seq").GetInt32());
        Assert.Equal(HttpStatusCode.Created, (await WriteAsync(mailCase.Token, new { text = "Een echt bericht." })).StatusCode);
        await EventuallyListedAsync(fixture, staff, MailMessageFor(mailCase.Id), "the sentinel's mail-message notification");
        var thread = (await JsonAsync(await ReadAsync(mailCase.Token))).GetProperty("messages");
        Assert.DoesNotContain("Koop nu!", thread.GetRawText());
        Assert.Single(Items(await PageAsync(fixture, staff)), e => MailMessageFor(mailCase.Id)(e));
    }

    [Fact]
    public async Task A_closed_case_that_was_purged_answers_its_link_with_the_same_404()
    {
        var staff = await fixture.StaffTokenAsync("staff");
        var mailCase = await SubmitAsync(consent: false);
        Assert.Equal(HttpStatusCode.OK, (await ChatTestKit.StaffPostAsync(fixture, staff, $"/api/staff/mail/{mailCase.Id}/close")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(mailCase.Token)).StatusCode);
        var unknown = await (await ReadAsync(Guid.NewGuid().ToString("N") + "." + MailLinks.NewSecret())).Content.ReadAsStringAsync();

        fixture.Clock.Advance(TimeSpan.FromDays(15));
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Client.PostAsJsonAsync("/admin/functions/PurgeMailCases", new { })).StatusCode);

        Assert.Empty(await fixture.RowsAsync(StorageNames.Tables.MailCases, mailCase.Id));
        var read = await ReadAsync(mailCase.Token);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(unknown, await read.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await WriteAsync(mailCase.Token, new { text = "Bent u daar nog?" })).StatusCode);
    }
}
