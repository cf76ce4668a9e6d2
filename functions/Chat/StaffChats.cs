using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Http;
using Steunpunt.StaffAuth;
using Steunpunt.Common.Storage;

namespace Steunpunt.Chat;

/// <summary>The staff side: the waiting list, claiming (one wins), transfer, messages both ways, closing.</summary>
public sealed class StaffChats(
    ChatStore store, ChatRateLimits limits, ChatRealtime realtime, ChatWaitingList waitingList,
    IOptions<ChatOptions> options, TimeProvider clock, ILogger<StaffChats> logger)
{
    public async Task<IActionResult> WaitingAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waiting = await store.WaitingAsync(cancellationToken);
        var views = new List<WaitingChatView>();
        foreach (var (chatId, startedAt, _) in waiting)
        {
            var session = await store.FindAsync(chatId, cancellationToken);
            if (session is not { State: ChatStates.Waiting }) continue; // an index row a crash left behind
            views.Add(new WaitingChatView(chatId, session.Topic, session.AboutPoliceReport, startedAt,
                (int)Math.Max(0, (now - startedAt).TotalSeconds), views.Count + 1, session.LastSequence));
        }
        return new JsonResponse(new { waiting = views });
    }

    public async Task<IActionResult> GetAsync(string chatId, StaffMember staff, int after, CancellationToken cancellationToken)
    {
        var (session, problem) = await FindAsync(chatId, cancellationToken);
        if (problem is not null) return problem;
        // Waiting chats are open to the whole team (to choose which to take); a claimed one to its owner and supervisors.
        if (session!.State != ChatStates.Waiting && CheckOwner(session, staff) is { } refused) return refused;
        return new JsonResponse(await ViewAsync(session, after, cancellationToken));
    }

    public async Task<IActionResult> ClaimAsync(string chatId, StaffMember staff, CancellationToken cancellationToken)
    {
        var (session, problem) = await FindAsync(chatId, cancellationToken);
        if (problem is not null) return problem;
        if (session!.State == ChatStates.Active && session.StaffId == staff.Subject) return new JsonResponse(await ViewAsync(session, 0, cancellationToken));
        if (session.State != ChatStates.Waiting) return TakenProblem(session);

        var now = clock.GetUtcNow();
        session.State = ChatStates.Active;
        session.StaffId = staff.Subject;
        session.StaffName = DisplayName(staff);
        session.ClaimedAt = now;
        session.LastActivityAt = now;
        // The ETag makes this a compare-and-swap: of two colleagues claiming at once, exactly one write succeeds.
        if (!await store.TryUpdateAsync(session, cancellationToken))
        {
            var current = await store.FindAsync(chatId, cancellationToken);
            return current is null ? Problem.NotFound("Deze chat bestaat niet (meer).") : TakenProblem(current);
        }

        await store.LeaveWaitingListAsync(session, cancellationToken);
        await store.RecordStatsAsync(session, new Dictionary<string, object?>
        {
            ["ClaimedAt"] = now,
            ["SecondsWaited"] = (int)(now - session.StartedAt).TotalSeconds,
        }, cancellationToken);
        await realtime.ToVisitorAsync(session.Id, ChatEvents.State, new StatePush(session.Id, ChatStates.Active, null, session.StaffName), cancellationToken);
        await waitingList.PushPositionsAsync(cancellationToken);
        logger.LogInformation("Chat {ChatId} claimed.", session.Id);
        return new JsonResponse(await ViewAsync(session, 0, cancellationToken));
    }

    public async Task<IActionResult> TransferAsync(string chatId, StaffMember staff, TransferRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.StaffId) || request.StaffId.Length > 200) return Problem.Validation("staffId", "Geef de collega aan wie u de chat overdraagt.");
        if (request.StaffName is { Length: > 100 }) return Problem.Validation("staffName", "Een naam mag hoogstens 100 tekens zijn.");
        if (!FreeText.IsLine(request.StaffName)) return Problem.Validation("staffName", $"De naam {FreeText.NotAllowed}.");
        for (var attempt = 0; attempt < OptimisticConcurrency.Attempts; attempt++)
        {
            var (session, problem) = await FindAsync(chatId, cancellationToken);
            if (problem is not null) return problem;
            if (!session!.IsOpen) return ChatProblems.Ended();
            if (session.State != ChatStates.Active) return Problem.Conflict("not-claimed", "Nog niet opgepakt.", "Pak de chat eerst op voordat u hem overdraagt.");
            if (CheckOwner(session, staff) is { } refused) return refused;

            var previous = session.StaffId!;
            session.StaffId = request.StaffId;
            session.StaffName = string.IsNullOrWhiteSpace(request.StaffName) ? "Medewerker" : request.StaffName.Trim();
            // The line takes the next message number: the previous owner's message either comes before it or is refused.
            if (!await ChatMessages.TrySaveWithLineAsync(store, session, ChatText.TransferredLine(session.StaffName), clock, cancellationToken)) continue;

            var push = new StatePush(session.Id, ChatStates.Active, null, session.StaffName);
            await realtime.ToStaffMemberAsync(request.StaffId, "chatTransferred", new { chatId = session.Id, from = previous }, cancellationToken);
            await realtime.ToStaffMemberAsync(previous, ChatEvents.State, push, cancellationToken);
            await realtime.ToVisitorAsync(session.Id, ChatEvents.State, push, cancellationToken);
            return new JsonResponse(await ViewAsync(session, int.MaxValue, cancellationToken));
        }
        return Problem.Create(503, "busy", "Even druk.", "De overdracht lukte nu niet. Probeer het opnieuw.");
    }

    public async Task<IActionResult> PostMessageAsync(string chatId, StaffMember staff, PostMessageRequest request, CancellationToken cancellationToken)
    {
        if (ChatText.Check(request.Text, options.Value.MaxMessageLength) is { } invalid) return ChatProblems.InvalidText(invalid);
        var (session, problem) = await FindAsync(chatId, cancellationToken);
        if (problem is not null) return problem;
        if (await limits.MessageAsync(chatId, ChatParties.Staff, cancellationToken) is { Refused: true } rate) return Problem.TooManyRequests("Te veel berichten achter elkaar.", rate.RetryAfter);

        var outcome = await ChatMessages.AppendAsync(store, session!, ChatParties.Staff, request.Text.Trim(),
            s => s.State == ChatStates.Active && CheckOwner(s, staff) is null, clock, cancellationToken);
        if (outcome is not AppendOutcome.Stored { Message: var message })
        {
            return ChatProblems.For(outcome, s => s.State != ChatStates.Active ? Problem.Conflict("not-claimed", "Nog niet opgepakt.", "Pak de chat eerst op.") : CheckOwner(s, staff)!);
        }
        var push = new MessagePush(chatId, message.Seq, message.From, message.Text, message.SentAt, message.StaffName);
        await Task.WhenAll(
            realtime.ToVisitorAsync(chatId, ChatEvents.Message, push, cancellationToken),
            realtime.ToStaffMemberAsync(staff.Subject, ChatEvents.Message, push, cancellationToken));
        return new JsonResponse(new { seq = message.Seq, sentAt = message.SentAt }, StatusCodes.Status201Created);
    }

    public async Task<IActionResult> TypingAsync(string chatId, StaffMember staff, CancellationToken cancellationToken)
    {
        var (session, problem) = await FindAsync(chatId, cancellationToken);
        if (problem is not null) return problem;
        if (!session!.IsOpen) return ChatProblems.Ended();
        if (CheckOwner(session, staff) is { } refused) return refused;
        if (await limits.MessageAsync(chatId, "staff-typing", cancellationToken) is { Refused: true } rate) return Problem.TooManyRequests("Even rustig aan.", rate.RetryAfter);
        await realtime.ToVisitorAsync(chatId, ChatEvents.Typing, new TypingPush(chatId, ChatParties.Staff), cancellationToken);
        return new StatusCodeResult(StatusCodes.Status202Accepted);
    }

    public async Task<IActionResult> CloseAsync(string chatId, StaffMember staff, CancellationToken cancellationToken)
    {
        var (session, problem) = await FindAsync(chatId, cancellationToken);
        if (problem is not null) return problem;
        if (session!.State == ChatStates.Active && CheckOwner(session, staff) is { } refused) return refused;
        var closed = await ChatClosing.CloseAsync(store, realtime, waitingList, chatId, ChatParties.Staff, clock, cancellationToken);
        return new JsonResponse(await ViewAsync(closed ?? session, int.MaxValue, cancellationToken));
    }

    private async Task<(ChatSession? Session, ProblemResult? Problem)> FindAsync(string chatId, CancellationToken cancellationToken)
    {
        var session = await store.FindAsync(chatId, cancellationToken);
        return session is null ? (null, ChatProblems.NotFound()) : (session, null);
    }

    private static ProblemResult? CheckOwner(ChatSession session, StaffMember staff)
        => session.StaffId == staff.Subject || staff.Roles.Contains(StaffRole.Supervisor)
            ? null
            : Problem.Forbidden("Deze chat is van een collega. Vraag een overdracht of een leidinggevende.");

    private static IActionResult TakenProblem(ChatSession session) => session.State == ChatStates.Closed
        ? ChatProblems.Ended()
        : Problem.Conflict("chat-taken", "Al opgepakt.", "Een collega heeft deze chat al opgepakt.");

    /// <summary>Visitors see a first name at most; without one, "Medewerker".</summary>
    private static string DisplayName(StaffMember staff)
    {
        var first = staff.Name?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return string.IsNullOrWhiteSpace(first) ? "Medewerker" : first;
    }

    private async Task<StaffChatView> ViewAsync(ChatSession session, int after, CancellationToken cancellationToken)
    {
        var messages = after == int.MaxValue ? [] : await store.MessagesAsync(session.Id, Math.Max(0, after), cancellationToken);
        return new StaffChatView(session.Id, session.State, session.Topic, session.AboutPoliceReport, session.StartedAt, session.ClaimedAt,
            session.StaffId, session.StaffName, session.ClosedAt, session.ClosedBy, messages,
            messages.Count > 0 ? messages[^1].Seq : await store.CursorAsync(session, after, cancellationToken));
    }
}
