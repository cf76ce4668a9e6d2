using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Json;
using Steunpunt.Common.Storage;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.MailIntake;

namespace Steunpunt.IntegrationTests.MailIntake;

/// <summary>Receipts per recipient address a day: past the limit the form is still taken in, and no receipt goes out.</summary>
[Collection(LocalHostCollection.Name)]
public class ReceiptLimitTests(LocalHostFixture fixture)
{
    private async Task<MailIntakeReceipt> SubmitAsync(string replyAddress)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/mail-intake")
        {
            Content = JsonContent.Create(new { replyAddress, question = "Iemand stuurt mij steeds berichten.", consentToStore = false }),
        };
        // A new client address each time: the limit per recipient holds whoever sends.
        request.Headers.Add("X-Forwarded-For", $"198.51.100.{Random.Shared.Next(1, 255)}");
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MailIntakeReceipt>(JsonDefaults.Web))!;
    }

    private async Task<bool> CaseStoredAsync(string reference)
    {
        await foreach (var _ in fixture.Storage.Tables.GetTableClient(StorageNames.Tables.MailCases).QueryAsync<TableEntity>($"Reference eq '{reference}'", select: ["RowKey"])) return true;
        return false;
    }

    [Fact]
    public async Task Past_the_daily_limit_a_recipient_gets_no_more_receipts_but_every_case_is_taken_in()
    {
        fixture.FreshDay();
        var limit = fixture.Services.GetRequiredService<IOptions<MailIntakeOptions>>().Value.ReceiptsPerDayPerRecipient;
        var local = $"doelwit-{Guid.NewGuid():N}";
        var address = local + "@example.org";
        var references = new List<string>();
        for (var i = 0; i < limit; i++) references.Add((await SubmitAsync(address)).Reference);
        // The same mailbox written differently is the same recipient.
        references.Add((await SubmitAsync(local.ToUpperInvariant() + "@Example.ORG")).Reference);
        references.Add((await SubmitAsync(address)).Reference);

        await fixture.DrainedAsync(StorageNames.Queues.MailIntake);
        foreach (var reference in references) Assert.True(await CaseStoredAsync(reference), $"case {reference} stored");
        var receipts = await fixture.OutboxAsync(DevOutbox.Email, address);
        Assert.Equal(limit, receipts.Count);
        // The queue hands out messages in no fixed order: which ones got the receipts is open, that each went to a different case is not.
        Assert.Equal(limit, receipts.Select(r => references.Single(reference => r.Subject!.Contains(reference))).Distinct().Count());

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var nextDay = (await SubmitAsync(address)).Reference;
        await LocalHostFixture.EventuallyAsync(async () => (await fixture.OutboxAsync(DevOutbox.Email, address)).FirstOrDefault(m => m.Subject!.Contains(nextDay)), "the next day's receipt");
    }
}
