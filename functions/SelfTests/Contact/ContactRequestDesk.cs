using Microsoft.Extensions.Logging;
using Steunpunt.StaffAuth;

namespace Steunpunt.SelfTests.Contact;

/// <summary>How a staff request for a contact request ended: the request, or that there is none, or that it was too busy to write.</summary>
public enum ContactDeskOutcome { Done, NotFound, Busy }

/// <summary>
/// Staff call visitors back who asked for it: the open requests newest first, one opened (which records who saw the
/// contact detail, every time), one marked handled (once; it then leaves the open list).
/// </summary>
public sealed class ContactRequestDesk(ContactRequestStore store, TimeProvider clock, ILogger<ContactRequestDesk> logger)
{
    public Task<(IReadOnlyList<ContactRequestSummary> Requests, string? Next)> OpenListAsync(string? after, int limit, CancellationToken cancellationToken)
        => store.OpenAsync(after, limit, cancellationToken);

    /// <summary>The request with its contact detail; the opening is written before the detail is handed out.</summary>
    public async Task<(ContactDeskOutcome Outcome, ContactRequest? Request)> OpenAsync(string id, StaffMember staff, CancellationToken cancellationToken)
    {
        var opening = new ContactRequestOpening(staff.Subject, staff.Name, clock.GetUtcNow());
        var (request, busy) = await store.UpdateAsync(id, r =>
        {
            r.RecordOpening(opening);
            return true;
        }, cancellationToken);
        if (request is null) return (busy ? ContactDeskOutcome.Busy : ContactDeskOutcome.NotFound, null);
        await store.NoteOpenedAsync(request, opening, cancellationToken);
        logger.LogInformation("Self-test contact request {RequestId} opened ({Count}).", request.Id, request.OpenCount);
        return (ContactDeskOutcome.Done, request);
    }

    /// <summary>Marks the request handled; again is not an error and keeps who handled it first.</summary>
    public async Task<(ContactDeskOutcome Outcome, ContactRequest? Request)> HandleAsync(string id, StaffMember staff, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var (request, busy) = await store.UpdateAsync(id, r =>
        {
            if (r.Status == ContactRequestStatus.Handled) return false;
            r.Status = ContactRequestStatus.Handled;
            r.HandledAt = at;
            r.HandledBy = staff.Subject;
            r.HandledByName = staff.Name;
            return true;
        }, cancellationToken);
        if (request is null) return (busy ? ContactDeskOutcome.Busy : ContactDeskOutcome.NotFound, null);
        // Also when it was handled before: the attempt that marked it may have stopped before this line.
        await store.LeaveOpenListAsync(request.Id, request.RequestedAt, cancellationToken);
        logger.LogInformation("Self-test contact request {RequestId} handled.", request.Id);
        return (ContactDeskOutcome.Done, request);
    }
}
