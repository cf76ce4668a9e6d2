using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.SelfTests.Contact;
using Steunpunt.IntegrationTests.Connectors.SignalR;

namespace Steunpunt.IntegrationTests.SelfTests;

/// <summary>Staff calling visitors back: the open contact requests, one opened (recorded), one marked handled, and the purge.</summary>
[Collection(LocalHostCollection.Name)]
public class ContactRequestStaffTests(LocalHostFixture fixture)
{
    private const string List = "/api/staff/selftest-contact-requests";

    private QueueClient Queue => fixture.Storage.Queues.GetQueueClient(StorageNames.Queues.SelfTestContactRequests);

    private static string NewPhone() => "+3161" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Puts a request on the queue as the self-test endpoint does, and waits until it is stored.</summary>
    private async Task<SelfTestContactRequest> RequestAsync(string contact, DateTimeOffset? at = null, Guid? id = null)
    {
        var request = new SelfTestContactRequest(SelfTestContactRequest.CurrentSchemaVersion, id ?? Guid.NewGuid(), "trauma-screen", 1, "phone", contact, "nl",
            at ?? fixture.Clock.GetUtcNow(), true, ["talk-to-us", "gp"]);
        await Queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(request, JsonDefaults.Web)));
        var store = new ContactRequestStore(fixture.Storage);
        await LocalHostFixture.EventuallyAsync(() => store.FindAsync(request.RequestId.ToString("N"), default), "the request to be stored with its index");
        return request;
    }

    private async Task<HttpResponseMessage> StaffAsync(HttpMethod method, string url, string token)
        => await fixture.Client.SendAsync(fixture.StaffRequest(method, url, token));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private Task<(List<JsonElement> Items, List<string> Bodies)> AllPagesAsync(string token, int limit)
        => StaffPages.AllAsync(fixture, token, List + "?", "requests", limit);

    private static string Id(SelfTestContactRequest request) => request.RequestId.ToString("N");

    [Fact]
    public async Task Staff_list_open_requests_newest_first_a_page_at_a_time_without_the_contact_detail()
    {
        var token = await fixture.StaffTokenAsync("staff");
        var now = fixture.Clock.GetUtcNow();
        var phones = new[] { NewPhone(), NewPhone(), NewPhone() };
        var requests = new List<SelfTestContactRequest>();
        for (var i = 0; i < 3; i++) requests.Add(await RequestAsync(phones[i], now.AddMinutes(i)));

        var (items, bodies) = await AllPagesAsync(token, limit: 2);

        var mine = items.Where(e => requests.Any(r => Id(r) == e.GetProperty("id").GetString())).ToList();
        Assert.Equal(requests.Select(Id).Reverse(), mine.Select(e => e.GetProperty("id").GetString()));
        Assert.True(bodies.Count >= 2, "Three requests at two a page take two pages or more.");
        var requestedAt = items.Select(e => e.GetProperty("requestedAt").GetDateTimeOffset()).ToList();
        Assert.Equal(requestedAt.OrderDescending(), requestedAt);
        var first = mine[0];
        Assert.Equal("trauma-screen", first.GetProperty("testId").GetString());
        Assert.Equal("phone", first.GetProperty("channel").GetString());
        Assert.Equal(["talk-to-us", "gp"], first.GetProperty("adviceIds").EnumerateArray().Select(a => a.GetString()));
        Assert.False(first.TryGetProperty("contact", out _));
        foreach (var phone in phones) Assert.DoesNotContain(bodies, b => b.Contains(phone[3..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Opening_a_request_gives_the_contact_detail_and_records_who_opened_it_each_time()
    {
        var anna = await SignalRTestKit.StaffAsync(fixture, "Anna");
        var bram = await SignalRTestKit.StaffAsync(fixture, "Bram");
        var phone = NewPhone();
        var request = await RequestAsync(phone);

        var first = await StaffAsync(HttpMethod.Get, $"{List}/{Id(request)}", anna.AccessToken);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        var opened = await JsonAsync(first);
        Assert.Equal(phone, opened.GetProperty("contact").GetString());
        Assert.Equal("new", opened.GetProperty("status").GetString());
        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await JsonAsync(await StaffAsync(HttpMethod.Get, $"{List}/{Id(request)}", bram.AccessToken));

        Assert.Equal(2, again.GetProperty("openCount").GetInt32());
        var openings = again.GetProperty("openings").EnumerateArray().ToList();
        Assert.Equal([anna.Subject, bram.Subject], openings.Select(o => o.GetProperty("staffId").GetString()));
        Assert.Equal(TimeSpan.FromMinutes(5), openings[1].GetProperty("at").GetDateTimeOffset() - openings[0].GetProperty("at").GetDateTimeOffset());
        // Recorded on the stored request, not only in the answer.
        var row = (await new ContactRequestStore(fixture.Storage).FindAsync(Id(request), default))!;
        Assert.Equal([anna.Subject, bram.Subject], row.Openings.Select(o => o.StaffId));
        var listed = (await AllPagesAsync(anna.AccessToken, limit: 100)).Items.Single(e => e.GetProperty("id").GetString() == Id(request));
        Assert.Equal("Bram", listed.GetProperty("lastOpenedBy").GetString());
    }

    [Fact]
    public async Task Marking_a_request_handled_is_recorded_once_and_it_leaves_the_open_list_also_when_redelivered()
    {
        var anna = await SignalRTestKit.StaffAsync(fixture, "Anna");
        var bram = await SignalRTestKit.StaffAsync(fixture, "Bram");
        var request = await RequestAsync(NewPhone());

        var handled = await JsonAsync(await StaffAsync(HttpMethod.Post, $"{List}/{Id(request)}/handled", anna.AccessToken));
        Assert.Equal("handled", handled.GetProperty("status").GetString());
        Assert.Equal(anna.Subject, handled.GetProperty("handledBy").GetString());
        Assert.False(handled.TryGetProperty("contact", out _));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await JsonAsync(await StaffAsync(HttpMethod.Post, $"{List}/{Id(request)}/handled", bram.AccessToken));
        Assert.Equal(anna.Subject, again.GetProperty("handledBy").GetString());
        Assert.Equal(handled.GetProperty("handledAt").GetDateTimeOffset(), again.GetProperty("handledAt").GetDateTimeOffset());

        // The same message once more, then a sentinel behind it: once the sentinel is stored, the redelivery was processed.
        await Queue.SendMessageAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(request, JsonDefaults.Web)));
        var sentinel = await RequestAsync(NewPhone());
        await LocalHostFixture.EventuallyAsync(async () => (await Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "" : null, "the queue to be drained");

        var ids = (await AllPagesAsync(anna.AccessToken, limit: 100)).Items.Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Contains(Id(sentinel), ids);
        Assert.DoesNotContain(Id(request), ids);
        var view = await JsonAsync(await StaffAsync(HttpMethod.Get, $"{List}/{Id(request)}", bram.AccessToken));
        Assert.Equal("handled", view.GetProperty("status").GetString());
        Assert.Equal("Anna", view.GetProperty("handledByName").GetString());
    }

    [Theory]
    [InlineData("get", "/0123456789abcdef0123456789abcdef")]
    [InlineData("get", "/not-an-id")]
    [InlineData("post", "/0123456789abcdef0123456789abcdef/handled")]
    public async Task An_unknown_request_is_a_404_problem_in_Dutch(string method, string path)
    {
        var response = await StaffAsync(new HttpMethod(method.ToUpperInvariant()), List + path, await fixture.StaffTokenAsync("staff"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Dit contactverzoek bestaat niet", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=tien", "limit")]
    [InlineData("?cursor=%2A%2A%2A", "cursor")]
    [InlineData("?cursor=b3Blbg", "cursor")] // base64url of "open": not a key of the list
    public async Task Bad_paging_is_a_400_problem_that_names_the_parameter(string query, string parameter)
    {
        var response = await StaffAsync(HttpMethod.Get, List + query, await fixture.StaffTokenAsync("staff"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("Deze pagina kan niet worden opgevraagd", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    [Fact]
    public async Task Without_a_staff_token_nothing_is_listed_or_opened()
    {
        var request = await RequestAsync(NewPhone());
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client.GetAsync(List)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Client.GetAsync($"{List}/{Id(request)}")).StatusCode);
        Assert.Equal(0, (await new ContactRequestStore(fixture.Storage).FindAsync(Id(request), default))!.OpenCount);
    }

    [Fact]
    public async Task The_purge_erases_the_detail_of_an_opened_request_nobody_handled_and_it_leaves_the_open_list()
    {
        fixture.FreshDay();
        // Another run against the same Azurite may have left a watermark at a later (random) day.
        await fixture.Storage.Tables.GetTableClient(StorageNames.Tables.Watermarks).DeleteEntityAsync("watermark", ContactDetailPurge.WatermarkName);
        var token = await fixture.StaffTokenAsync("staff");
        var phone = NewPhone();
        var request = await RequestAsync(phone);
        Assert.Equal(phone, (await JsonAsync(await StaffAsync(HttpMethod.Get, $"{List}/{Id(request)}", token))).GetProperty("contact").GetString());

        fixture.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Client.PostAsync("/admin/functions/PurgeSelfTestContactDetails", JsonContent.Create(new { input = "" }))).StatusCode);

        var view = await JsonAsync(await StaffAsync(HttpMethod.Get, $"{List}/{Id(request)}", token));
        Assert.False(view.TryGetProperty("contact", out _));
        Assert.True(view.TryGetProperty("contactErasedAt", out _));
        Assert.Equal("expired", view.GetProperty("status").GetString());
        Assert.Equal(2, view.GetProperty("openCount").GetInt32());
        Assert.Equal("", (await new ContactRequestStore(fixture.Storage).FindAsync(request.RequestedAt, request.RequestId, default))!.GetString("Contact"));
        Assert.DoesNotContain(Id(request), (await AllPagesAsync(token, limit: 100)).Items.Select(e => e.GetProperty("id").GetString()));
    }
}
