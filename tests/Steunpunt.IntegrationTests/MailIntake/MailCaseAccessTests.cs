using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.IntegrationTests.Chat;
using Steunpunt.LocalHost.Dev;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.MailIntake;

namespace Steunpunt.IntegrationTests.MailIntake;

/// <summary>
/// Issue 14: no mail in our name carrying a stranger's text (the receipt holds none of the form), and need to know for
/// mail cases (a claimed case is for its owner and supervisors; every read of its personal fields is recorded and erased
/// with the case).
/// </summary>
[Collection(LocalHostCollection.Name)]
public class MailCaseAccessTests(LocalHostFixture fixture)
{
    private const string PhishingName = "Beste klant. Uw zaak is gesloten; log in op https://evil.example/sp,";
    private const string PhishingQuestion = "Uw account wordt geblokkeerd. Bevestig uw gegevens op https://evil.example/login vandaag nog.";

    private static string NewAddress() => $"afzender-{Guid.NewGuid():N}@example.org";

    private async Task<string> SubmitAsync(string address, string name = "Anna", string question = "Ik word gevolgd. Wat kan ik doen?", bool consent = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail-intake")
        {
            Content = JsonContent.Create(new { replyAddress = address, question, consentToStore = consent, name, crimeType = "stalking" }),
        };
        request.Headers.Add("X-Forwarded-For", $"198.51.100.{Random.Shared.Next(1, 255)}");
        var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MailIntakeReceipt>(JsonDefaults.Web))!.Reference;
    }

    private async Task<DevStaffToken> StaffAsync(string name, string role = "staff")
    {
        var response = await fixture.Client.PostAsJsonAsync("/dev/staff-tokens", new { name = $"{name} {Guid.NewGuid().ToString("N")[..6]}", roles = new[] { role } });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevStaffToken>())!;
    }

    /// <summary>A staff GET; the shared clock stands still, so each call moves it on a second to keep the reads in order.</summary>
    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string url, DevStaffToken staff)
    {
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Get, url, staff.AccessToken));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string url, DevStaffToken staff)
    {
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await ChatTestKit.StaffPostAsync(fixture, staff.AccessToken, url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> CaseIdAsync(string reference, DevStaffToken staff)
    {
        var id = await LocalHostFixture.EventuallyAsync(async () =>
        {
            var (_, body) = await GetAsync("/api/staff/mail?status=new", staff);
            return JsonDocument.Parse(body).RootElement.GetProperty("cases").EnumerateArray()
                .Where(c => c.GetProperty("reference").GetString() == reference).Select(c => c.GetProperty("id").GetString()).FirstOrDefault();
        }, "the case in the inbox");
        return id!;
    }

    private async Task<List<Azure.Data.Tables.TableEntity>> ReadRowsAsync(string caseId)
        => (await fixture.RowsAsync(StorageNames.Tables.MailCases, caseId)).Where(r => r.RowKey.StartsWith('r')).ToList();

    [Fact]
    public async Task The_receipt_carries_no_text_the_sender_typed()
    {
        var address = NewAddress();
        var reference = await SubmitAsync(address, PhishingName, PhishingQuestion);

        var receipt = await LocalHostFixture.EventuallyAsync(async () => (await fixture.OutboxAsync(DevOutbox.Email, address)).FirstOrDefault(), "the receipt");

        var mail = JsonSerializer.Serialize(receipt, JsonDefaults.Web);
        Assert.Contains(reference, receipt!.PlainText);
        Assert.Contains("vervolg#", receipt.PlainText);
        foreach (var typed in new[] { "evil.example", "Beste klant", "gesloten", "geblokkeerd", "Bevestig uw gegevens", "stalking" })
        {
            Assert.DoesNotContain(typed, mail, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Empty(receipt.ToNames); // nor as the recipient's display name
    }

    [Fact]
    public async Task A_claimed_case_is_for_its_owner_and_supervisors_and_a_colleague_sees_only_that_it_is_taken()
    {
        var (anna, bram, sara) = (await StaffAsync("Anna"), await StaffAsync("Bram"), await StaffAsync("Sara", "supervisor"));
        var address = NewAddress();
        var name = "Noor " + Guid.NewGuid().ToString("N")[..6];
        var question = "Mijn ex staat elke avond voor de deur " + Guid.NewGuid().ToString("N")[..6];
        var reference = await SubmitAsync(address, name, question);
        var caseId = await CaseIdAsync(reference, bram);

        // Lists name no sender, claimed or not.
        var (_, newList) = await GetAsync("/api/staff/mail?status=new", bram);
        Assert.Contains(reference, newList);
        Assert.DoesNotContain(name, newList);
        Assert.DoesNotContain(address, newList);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/api/staff/mail/{caseId}/claim", anna)).Status);

        var (status, body) = await GetAsync($"/api/staff/mail/{caseId}", bram);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("urn:steunpunt:problem:case-taken", problem.GetProperty("type").GetString());
        Assert.Equal(anna.Subject, problem.GetProperty("assignedTo").GetString());
        Assert.Contains("Anna", problem.GetProperty("detail").GetString());
        foreach (var (_, refused) in new[] { (status, body), await PostAsync($"/api/staff/mail/{caseId}/claim", bram), await PostAsync($"/api/staff/mail/{caseId}/close", bram) })
        {
            Assert.DoesNotContain(name, refused);
            Assert.DoesNotContain(address, refused);
            Assert.DoesNotContain(question, refused);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync($"/api/staff/mail/{caseId}/claim", bram)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync($"/api/staff/mail/{caseId}/close", bram)).Status);
        var (_, assignedList) = await GetAsync("/api/staff/mail?status=assigned", bram);
        Assert.Contains(reference, assignedList);
        Assert.DoesNotContain(name, assignedList);
        Assert.DoesNotContain(address, assignedList);

        var (ownerStatus, ownerBody) = await GetAsync($"/api/staff/mail/{caseId}", anna);
        Assert.Equal(HttpStatusCode.OK, ownerStatus);
        var owner = JsonDocument.Parse(ownerBody).RootElement;
        Assert.Equal(address, owner.GetProperty("replyAddress").GetString());
        Assert.Equal(name, owner.GetProperty("case").GetProperty("name").GetString());
        Assert.Equal(question, owner.GetProperty("thread")[0].GetProperty("text").GetString());
        Assert.False(owner.TryGetProperty("reads", out _)); // who read a case is for supervisors

        var (supervisorStatus, supervisorBody) = await GetAsync($"/api/staff/mail/{caseId}", sara);
        Assert.Equal(HttpStatusCode.OK, supervisorStatus);
        var supervisor = JsonDocument.Parse(supervisorBody).RootElement;
        Assert.Equal(address, supervisor.GetProperty("replyAddress").GetString());
        var reads = supervisor.GetProperty("reads").EnumerateArray().Select(r => (r.GetProperty("staffId").GetString(), r.GetProperty("view").GetString())).ToList();
        Assert.Equal([(anna.Subject, "claim"), (anna.Subject, "case"), (sara.Subject, "case")], reads);
    }

    [Fact]
    public async Task Every_read_leaves_a_record_and_the_purge_erases_them_with_the_case()
    {
        var (anna, sara) = (await StaffAsync("Anna"), await StaffAsync("Sara", "supervisor"));
        var address = NewAddress();
        var reference = await SubmitAsync(address, consent: false);
        var caseId = await CaseIdAsync(reference, anna);
        Assert.Empty(await ReadRowsAsync(caseId));

        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/api/staff/mail/{caseId}", anna)).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/api/staff/mail/{caseId}/claim", anna)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/api/staff/mail/{caseId}", sara)).Status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/api/staff/mail/{caseId}/close", anna)).Status);

        var rows = await ReadRowsAsync(caseId);
        Assert.Equal([(anna.Subject, "case"), (anna.Subject, "claim"), (sara.Subject, "case"), (anna.Subject, "close")],
            rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(r => (r.GetString("StaffId"), r.GetString("View"))).ToList());
        Assert.All(rows, r => Assert.NotNull(r.GetDateTimeOffset("At")));

        fixture.Clock.Advance(TimeSpan.FromDays(15));
        Assert.Equal(HttpStatusCode.Accepted, (await fixture.Client.PostAsJsonAsync("/admin/functions/PurgeMailCases", new { })).StatusCode);

        Assert.Empty(await fixture.RowsAsync(StorageNames.Tables.MailCases, caseId));
    }
}
