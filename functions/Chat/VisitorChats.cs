using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common;
using Steunpunt.Common.Http;
using Steunpunt.Common.Notifications;
using Steunpunt.Common.Storage;

namespace Steunpunt.Chat;

/// <summary>The visitor's side of a chat: anonymous, one token per chat, nothing about the person stored.</summary>
public sealed class VisitorChats(
    ChatStore store, ChatAvailabilityQuery availability, ChatRateLimits limits, ChatRealtime realtime, ChatWaitingList waitingList,
    IStaffNotifications staff, IOptions<ChatOptions> options, TimeProvider clock, ILogger<VisitorChats> logger)
{
    public async Task<IActionResult> StartAsync(StartChatRequest request, HttpRequest http, CancellationToken cancellationToken)
    {
        if (request.Topic is not null && !ChatTopics.All.Contains(request.Topic))
        {
            return Problem.Validation("topic", $"Kies een onderwerp uit: {string.Join(", ", ChatTopics.All)}.");
        }
        var now = availability.Now();
        if (!now.Open) return ChatProblems.Closed(now);
        if (await limits.StartAsync(http, cancellationToken) is { Refused: true } start) return Problem.TooManyRequests("Er zijn vanaf dit adres te veel chats gestart. Probeer het later opnieuw.", start.RetryAfter);

        var token = VisitorTokens.New();
        var at = clock.GetUtcNow();
        var session = new ChatSession
        {
            PartitionKey = EntityIds.New(),
            Topic = request.Topic,
            AboutPoliceReport = request.AboutPoliceReport,
            VisitorTokenHash = VisitorTokens.Hash(token),
            StartedAt = at,
            LastActivityAt = at,
        };
        await store.CreateAsync(session, cancellationToken);
        // Raised before the answer: once the visitor has an id, staff will hear of the chat.
        await staff.RaiseAsync(StaffNotificationKinds.ChatWaiting, session.Id, at, Facts(session), cancellationToken: cancellationToken);
        var position = await waitingList.JoinedAsync(session.Id, cancellationToken) ?? 1;
        logger.LogInformation("Chat {ChatId} started.", session.Id);
        return new JsonResponse(new ChatStarted(session.Id, token, session.State, position, at), StatusCodes.Status201Created)
        {
            Headers = new Dictionary<string, string> { ["Location"] = $"/api/chats/{session.Id}" },
        };
    }

    /// <summary>The chat if the request carries its token: 401 without one, 404 for an unknown chat, 403 for another chat's token.</summary>
    /// <param name="forAppend">For posting a message: the session this instance last wrote may stand in for a read (see <see cref="ChatStore.FindForAppendAsync"/>).</param>
    public async Task<(ChatSession? Session, IActionResult? Problem)> AuthorizeAsync(string id, HttpRequest http, CancellationToken cancellationToken, bool forAppend = false)
    {
        var token = http.Headers[VisitorTokens.Header].ToString();
        if (token.Length == 0) return (null, Problem.Unauthorized($"Stuur het token van deze chat mee in de header '{VisitorTokens.Header}'."));
        var session = forAppend ? await store.FindForAppendAsync(id, cancellationToken) : await store.FindAsync(id, cancellationToken);
        if (session is null) return (null, Problem.NotFound("Deze chat bestaat niet (meer)."));
        if (!VisitorTokens.Matches(token, session.VisitorTokenHash)) return (null, Problem.Forbidden("Dit token hoort niet bij deze chat."));
        // Every visitor call but a read writes or pushes something: one count per client address over all its chats.
        if (!HttpMethods.IsGet(http.Method) && await limits.VisitorActionAsync(http, cancellationToken) is { Refused: true } act)
        {
            return (null, Problem.TooManyRequests("Er komen vanaf dit adres te veel verzoeken. Probeer het later opnieuw.", act.RetryAfter));
        }
        return (session, null);
    }

    public async Task<IActionResult> GetAsync(ChatSession session, int after, CancellationToken cancellationToken)
        => new JsonResponse(await ViewAsync(session, after, cancellationToken));

    public async Task<IActionResult> PostMessageAsync(ChatSession session, PostMessageRequest request, CancellationToken cancellationToken)
    {
        if (ChatText.Check(request.Text, options.Value.MaxMessageLength) is { } invalid) return ChatProblems.InvalidText(invalid);
        if (await limits.MessageAsync(session.Id, ChatParties.Visitor, cancellationToken) is { Refused: true } rate) return Problem.TooManyRequests("U stuurt te veel berichten achter elkaar. Wacht even.", rate.RetryAfter);

        var outcome = await ChatMessages.AppendAsync(store, session, ChatParties.Visitor, request.Text.Trim(), null, clock, cancellationToken);
        if (outcome is not AppendOutcome.Stored { Message: var message }) return ChatProblems.For(outcome);
        var push = new MessagePush(session.Id, message.Seq, message.From, message.Text, message.SentAt, null);
        // The staff member waits for this one; the echo (for the visitor's other tabs) need not go first.
        var echo = realtime.ToVisitorAsync(session.Id, ChatEvents.Message, push, cancellationToken);
        if (message.StaffId is { } staffId)
        {
            await Task.WhenAll(realtime.ToStaffMemberAsync(staffId, ChatEvents.Message, push, cancellationToken), echo);
        }
        else
        {
            await Task.WhenAll(echo, staff.RaiseAsync(StaffNotificationKinds.ChatVisitorMessage, session.Id, message.SentAt, Facts(session), cancellationToken: cancellationToken));
        }
        return new JsonResponse(new { seq = message.Seq, sentAt = message.SentAt }, StatusCodes.Status201Created);
    }

    public async Task<IActionResult> TypingAsync(ChatSession session, CancellationToken cancellationToken)
    {
        if (!session.IsOpen) return ChatProblems.Ended();
        if (await limits.MessageAsync(session.Id, "visitor-typing", cancellationToken) is { Refused: true } rate) return Problem.TooManyRequests("Even rustig aan.", rate.RetryAfter);
        if (session.StaffId is not null) await realtime.ToStaffMemberAsync(session.StaffId, ChatEvents.Typing, new TypingPush(session.Id, ChatParties.Visitor), cancellationToken);
        return new StatusCodeResult(StatusCodes.Status202Accepted);
    }

    public async Task<IActionResult> CloseAsync(ChatSession session, CancellationToken cancellationToken)
    {
        if (!session.IsOpen) return new JsonResponse(await ViewAsync(session, int.MaxValue, cancellationToken));
        var closed = await ChatClosing.CloseAsync(store, realtime, waitingList, session.Id, ChatParties.Visitor, clock, cancellationToken);
        return new JsonResponse(await ViewAsync(closed ?? session, int.MaxValue, cancellationToken));
    }

    public async Task<IActionResult> RateAsync(ChatSession session, SatisfactionRequest request, CancellationToken cancellationToken)
    {
        if (session.IsOpen) return Problem.Conflict("chat-open", "De chat loopt nog.", "U kunt de chat beoordelen nadat hij is afgesloten.");
        if (!Ratings.IsValid(request.Score)) return Problem.Validation("score", Ratings.OutOfRange);
        if (request.Comment is { Length: > 1000 }) return Problem.Validation("comment", "Uw toelichting mag hoogstens 1000 tekens zijn.");
        if (!FreeText.IsText(request.Comment)) return Problem.Validation("comment", $"Uw toelichting {FreeText.NotAllowed}.");
        if (session.Satisfaction is not null) return Problem.Conflict("already-rated", "Al beoordeeld.", "U heeft deze chat al beoordeeld. Dank u wel!");

        session.Satisfaction = request.Score;
        session.SatisfactionComment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        if (!await store.TryUpdateAsync(session, cancellationToken)) return Problem.Conflict("already-rated", "Al beoordeeld.", "Deze chat is intussen gewijzigd; vernieuw en probeer opnieuw.");
        await store.RecordStatsAsync(session, new Dictionary<string, object?> { ["Satisfaction"] = request.Score }, cancellationToken);
        return new JsonResponse(new { score = request.Score, message = "Dank u wel voor uw beoordeling." });
    }

    /// <summary>"Delete my conversation": closes it if open, then erases the transcript. The anonymous statistics stay.</summary>
    public async Task<IActionResult> DeleteAsync(ChatSession session, CancellationToken cancellationToken)
    {
        // Closed first: the closing line fences off any message still on its way before the transcript is blanked.
        if (session.IsOpen && await ChatClosing.CloseAsync(store, realtime, waitingList, session.Id, ChatParties.Visitor, clock, cancellationToken) is null
            && (await store.FindAsync(session.Id, cancellationToken))?.IsOpen == true)
        {
            return Problem.ServiceUnavailable("Het gesprek kon nu niet worden verwijderd. Probeer het zo opnieuw.");
        }
        await store.BlankAsync(session.Id, cancellationToken);
        await store.RecordStatsAsync(session, new Dictionary<string, object?> { ["ErasedByVisitor"] = true }, cancellationToken);
        logger.LogInformation("Chat {ChatId} erased at the visitor's request.", session.Id);
        return new StatusCodeResult(StatusCodes.Status204NoContent);
    }

    public async Task<IActionResult> NegotiateAsync(ChatSession session, CancellationToken cancellationToken)
    {
        if (!session.IsOpen) return ChatProblems.Ended();
        try
        {
            var info = await realtime.NegotiateVisitorAsync(session.Id, TimeSpan.FromMinutes(options.Value.RealtimeTokenMinutes), cancellationToken);
            return new JsonResponse(new { url = info.Url, accessToken = info.AccessToken })
            {
                Headers = new Dictionary<string, string> { ["Cache-Control"] = "no-store" },
            };
        }
        catch (Azure.RequestFailedException)
        {
            // Without real time the chat still works: the widget can read on with GET and a cursor.
            return Problem.ServiceUnavailable("De live verbinding is nu niet beschikbaar. Uw berichten komen wel aan; vernieuw de chat om nieuwe te zien.");
        }
    }

    private async Task<VisitorChatView> ViewAsync(ChatSession session, int after, CancellationToken cancellationToken)
    {
        var messages = after == int.MaxValue ? [] : await store.MessagesAsync(session.Id, Math.Max(0, after), cancellationToken);
        var position = session.State == ChatStates.Waiting ? await waitingList.PositionAsync(session.Id, cancellationToken) : null;
        return new VisitorChatView(session.Id, session.State, session.Topic, session.AboutPoliceReport, position, session.StartedAt,
            session.StaffName, session.ClosedAt, !session.IsOpen && session.Satisfaction is null, messages,
            messages.Count > 0 ? messages[^1].Seq : await store.CursorAsync(session, after, cancellationToken));
    }

    public static IReadOnlyDictionary<string, string> Facts(ChatSession session) => new Dictionary<string, string>
    {
        ["topic"] = session.Topic ?? "",
        ["aboutPoliceReport"] = session.AboutPoliceReport ? "true" : "false",
    };
}
