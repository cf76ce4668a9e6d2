using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Steunpunt.Common;
using Steunpunt.Common.Http;
using Steunpunt.Common.Storage;
using Steunpunt.MailIntake.Cases;
using Steunpunt.MailIntake.Sender;
using Steunpunt.StaffAuth;

namespace Steunpunt.MailIntake.Staff;

/// <summary>A case in the inbox or at the head of its view. <see cref="Name"/> only in the view: lists carry no personal field.</summary>
public sealed record MailCaseSummary(string Id, string Reference, string Status, DateTimeOffset ReceivedAt, string? CrimeType, bool RepeatContact, string? Name, string? AssignedTo, string? AssignedName);

public sealed record MailThreadView(int Seq, string From, string Text, string? Html, DateTimeOffset At, string? StaffName, string? Delivery);

/// <summary>Who read a case, and through which answer; shown to supervisors only.</summary>
public sealed record MailCaseReadView(string StaffId, string? StaffName, DateTimeOffset At, string View);

/// <param name="Reads">Every read of the case's personal fields, this one included; for supervisors only (null for others).</param>
public sealed record MailCaseView(MailCaseSummary Case, string ReplyAddress, bool ConsentToStore, string Language, DateTimeOffset? FirstAnswerAt, DateTimeOffset? ClosedAt, IReadOnlyList<MailThreadView> Thread, IReadOnlyList<MailCaseReadView>? Reads = null);

/// <summary>
/// The staff inbox: list by status, read a case, claim it (one wins), reply by mail (queued), close. Need to know, as for
/// chats: a claimed case's address, name and thread are for its owner and supervisors; a colleague hears only that it is
/// taken, and by whom. Every answer that hands out those fields first records who read them (<see cref="MailCaseRead"/>).
/// </summary>
public sealed class StaffMail(MailCaseStore store, MailLinkKeys links, WorkQueue queue, TimeProvider clock, ILogger<StaffMail> logger)
{
    private const int MaxReplyLength = 50_000;

    public async Task<IActionResult> InboxAsync(string? status, CancellationToken cancellationToken)
    {
        status ??= MailCaseStatus.New;
        if (!MailCaseStatus.All.Contains(status)) return Problem.Validation("status", $"Kies een status: {string.Join(", ", MailCaseStatus.All)}.");
        var cases = new List<MailCaseSummary>();
        foreach (var id in await store.InboxAsync(status, 200, cancellationToken))
        {
            if (await store.FindAsync(id, cancellationToken) is { } mailCase && mailCase.Status == status) cases.Add(Summary(mailCase));
        }
        return new JsonResponse(new { status, cases });
    }

    public async Task<IActionResult> GetAsync(string id, StaffMember staff, CancellationToken cancellationToken)
    {
        var mailCase = await store.FindAsync(id, cancellationToken);
        if (mailCase is null) return Problem.NotFound("Deze zaak bestaat niet (meer).");
        if (!MayRead(mailCase, staff)) return TakenProblem(mailCase);
        return new JsonResponse(await ViewAsync(mailCase, staff, MailCaseViews.Case, cancellationToken));
    }

    public async Task<IActionResult> ClaimAsync(string id, StaffMember staff, CancellationToken cancellationToken)
    {
        var mailCase = await store.FindAsync(id, cancellationToken);
        if (mailCase is null) return Problem.NotFound("Deze zaak bestaat niet (meer).");
        if (mailCase.AssignedTo == staff.Subject) return new JsonResponse(await ViewAsync(mailCase, staff, MailCaseViews.Claim, cancellationToken));
        if (mailCase.Status == MailCaseStatus.Closed) return Problem.Conflict("case-closed", "Afgesloten.", "Deze zaak is al afgesloten.");
        if (!MayRead(mailCase, staff)) return TakenProblem(mailCase, StatusCodes.Status409Conflict);
        var previous = mailCase.Status;
        mailCase.AssignedTo = staff.Subject;
        mailCase.AssignedName = staff.Name;
        if (mailCase.Status == MailCaseStatus.New) mailCase.Status = MailCaseStatus.Assigned;
        // ETag: of colleagues claiming at once, exactly one write succeeds.
        if (!await store.TryUpdateAsync(mailCase, previous, cancellationToken)) return Problem.Conflict("case-taken", "Al opgepakt.", "Een collega heeft deze zaak net opgepakt.");
        return new JsonResponse(await ViewAsync(mailCase, staff, MailCaseViews.Claim, cancellationToken));
    }

    public async Task<IActionResult> ReplyAsync(string id, StaffMember staff, StaffReplyRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Html) && string.IsNullOrWhiteSpace(request.Text)) return Problem.Validation("text", "Schrijf een antwoord (html of text).");
        if ((request.Html?.Length ?? 0) + (request.Text?.Length ?? 0) > MaxReplyLength) return Problem.Validation("html", $"Een antwoord mag hoogstens {MaxReplyLength} tekens zijn.");
        if (!FreeText.IsText(request.Html)) return Problem.Validation("html", $"Het antwoord {FreeText.NotAllowed}.");
        if (!FreeText.IsText(request.Text)) return Problem.Validation("text", $"Het antwoord {FreeText.NotAllowed}.");
        var (html, text) = ReplyContent.From(request.Html, request.Text);
        if (string.IsNullOrWhiteSpace(text)) return Problem.Validation("html", "Na het opschonen bleef er geen tekst over.");
        // The reply's own continue link: its hash is saved with the reply, the secret travels only on the queue to the mail.
        var link = await links.NewAsync(id, cancellationToken);

        for (var attempt = 0; attempt < OptimisticConcurrency.Attempts; attempt++)
        {
            var mailCase = await store.FindAsync(id, cancellationToken);
            if (mailCase is null) return Problem.NotFound("Deze zaak bestaat niet (meer).");
            if (mailCase.Status == MailCaseStatus.Closed) return Problem.Conflict("case-closed", "Afgesloten.", "Deze zaak is al afgesloten.");
            if (mailCase.AssignedTo != staff.Subject && !staff.Roles.Contains(StaffRole.Supervisor))
            {
                return Problem.Forbidden("Pak de zaak eerst op; een zaak van een collega kan alleen een leidinggevende beantwoorden.");
            }
            var now = clock.GetUtcNow();
            var previous = mailCase.Status;
            mailCase.LastSequence++;
            mailCase.Status = MailCaseStatus.Answered;
            var firstAnswer = mailCase.FirstAnswerAt is null;
            mailCase.FirstAnswerAt ??= now;
            mailCase.LinkHashes = MailLinks.WithHash(mailCase.LinkHashes, link.Hash);
            var entry = new MailThreadEntry
            {
                PartitionKey = id, RowKey = MailThreadEntry.Key(mailCase.LastSequence), From = MailParties.Staff, Text = text, Html = html, At = now,
                StaffId = staff.Subject, StaffName = staff.Name, Delivery = "sending",
            };
            if (!await store.TryAppendAsync(mailCase, previous, entry, cancellationToken)) continue;

            if (firstAnswer)
            {
                await store.RecordStatsAsync(mailCase, new Dictionary<string, object?>
                {
                    ["FirstAnswerAt"] = now, ["SecondsToFirstAnswer"] = (long)(now - mailCase.ReceivedAt).TotalSeconds,
                }, cancellationToken);
            }
            await queue.SendAsync(StorageNames.Queues.MailReplies, new MailReplyMessage(MailReplyMessage.CurrentSchemaVersion, id, mailCase.LastSequence, link.Secret), cancellationToken: cancellationToken);
            logger.LogInformation("Reply {Sequence} to mail case {CaseId} queued.", mailCase.LastSequence, id);
            return new JsonResponse(new { seq = mailCase.LastSequence, delivery = "sending" }, StatusCodes.Status202Accepted);
        }
        return Problem.Create(503, "busy", "Even druk.", "Het antwoord kon nu niet worden opgeslagen. Probeer het opnieuw.");
    }

    public async Task<IActionResult> CloseAsync(string id, StaffMember staff, CancellationToken cancellationToken)
    {
        var mailCase = await store.FindAsync(id, cancellationToken);
        if (mailCase is null) return Problem.NotFound("Deze zaak bestaat niet (meer).");
        // Before the early answer for a closed case too: that answer is the case, address and thread included.
        if (!MayRead(mailCase, staff)) return TakenProblem(mailCase);
        if (mailCase.Status == MailCaseStatus.Closed) return new JsonResponse(await ViewAsync(mailCase, staff, MailCaseViews.Close, cancellationToken));
        var previous = mailCase.Status;
        mailCase.Status = MailCaseStatus.Closed;
        mailCase.ClosedAt = clock.GetUtcNow();
        if (!await store.TryUpdateAsync(mailCase, previous, cancellationToken)) return Problem.Conflict("case-changed", "Gewijzigd.", "De zaak is intussen gewijzigd; vernieuw en probeer opnieuw.");
        await store.RecordStatsAsync(mailCase, new Dictionary<string, object?> { ["ClosedAt"] = mailCase.ClosedAt }, cancellationToken);
        return new JsonResponse(await ViewAsync(mailCase, staff, MailCaseViews.Close, cancellationToken));
    }

    /// <summary>A case nobody claimed is for every staff member (to choose it); a claimed one for its owner and supervisors.</summary>
    public static bool MayRead(MailCase mailCase, StaffMember staff)
        => mailCase.AssignedTo is null || mailCase.AssignedTo == staff.Subject || staff.Roles.Contains(StaffRole.Supervisor);

    /// <summary>What a colleague learns of a case claimed by someone else: that it is taken and by whom, nothing of the sender.</summary>
    /// <remarks>403 for a read or a close (not yours to see), 409 for a claim (someone was first), as for chats.</remarks>
    private static IActionResult TakenProblem(MailCase mailCase, int status = StatusCodes.Status403Forbidden) => new JsonResponse(Problem.Body(status, "case-taken", "Al opgepakt.",
        $"Deze zaak is opgepakt door {mailCase.AssignedName ?? "een collega"}. Alleen die collega en een leidinggevende kunnen hem lezen.") with
    {
        Extensions = new Dictionary<string, object?>
        {
            ["caseId"] = mailCase.Id, ["reference"] = mailCase.Reference, ["status"] = mailCase.Status,
            ["assignedTo"] = mailCase.AssignedTo, ["assignedName"] = mailCase.AssignedName,
        },
    }, status, Problem.ContentType);

    /// <summary>The summary in a list: no name (nor address or question), so a list tells nobody more than which cases there are.</summary>
    private static MailCaseSummary Summary(MailCase c) => new(c.Id, c.Reference, c.Status, c.ReceivedAt, c.CrimeType, c.RepeatContact, null, c.AssignedTo, c.AssignedName);

    /// <summary>The case with its personal fields; the read is recorded before they are handed out.</summary>
    private async Task<MailCaseView> ViewAsync(MailCase mailCase, StaffMember staff, string view, CancellationToken cancellationToken)
    {
        await store.RecordReadAsync(new MailCaseRead { PartitionKey = mailCase.Id, StaffId = staff.Subject, StaffName = staff.Name, At = clock.GetUtcNow(), View = view }, cancellationToken);
        var thread = (await store.ThreadAsync(mailCase, cancellationToken))
            .Select(e => new MailThreadView(e.Sequence, e.From, e.Text, e.Html, e.At, e.StaffName, e.Delivery)).ToList();
        var reads = staff.Roles.Contains(StaffRole.Supervisor)
            ? (await store.ReadsAsync(mailCase.Id, cancellationToken)).Select(r => new MailCaseReadView(r.StaffId, r.StaffName, r.At, r.View)).ToList()
            : null;
        return new MailCaseView(Summary(mailCase) with { Name = mailCase.Name }, mailCase.ReplyAddress, mailCase.ConsentToStore, mailCase.Language,
            mailCase.FirstAnswerAt, mailCase.ClosedAt, thread, reads);
    }
}
