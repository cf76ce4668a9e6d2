using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

/// <summary>The chat's problem answers, built where a rule's outcome becomes HTTP (the visitor and staff chat endpoints).</summary>
internal static class ChatProblems
{
    public static ProblemResult InvalidText(string error) => Problem.Validation("text", error);

    public static ProblemResult NotFound() => Problem.NotFound("Deze chat bestaat niet (meer).");

    public static ProblemResult Ended()
        => Problem.Conflict("chat-ended", "Deze chat is afgesloten.", "Deze chat is afgesloten. U kunt een nieuwe chat beginnen als de chat open is.");

    /// <summary>The 409 a visitor gets when starting a chat outside opening hours, with the same facts as the availability answer.</summary>
    public static ProblemResult Closed(AvailabilityView view)
        => Problem.Conflict("chat-closed", "De chat is nu gesloten.", view.Message, new Dictionary<string, object?>
        {
            ["nextOpening"] = view.NextOpening,
            ["alternatives"] = view.Alternatives,
        });

    public static ProblemResult MessageBusy()
        => Problem.Create(503, "busy", "Even druk.", "Het bericht kon nu niet worden opgeslagen. Probeer het opnieuw.");

    /// <summary>Why a message was not stored, as the sender hears it; <paramref name="notAllowed"/> answers a failed "allowed" check.</summary>
    public static ProblemResult For(AppendOutcome outcome, Func<ChatSession, ProblemResult>? notAllowed = null) => outcome switch
    {
        AppendOutcome.ChatGone => NotFound(),
        AppendOutcome.ChatEnded => Ended(),
        AppendOutcome.NotAllowed refused when notAllowed is not null => notAllowed(refused.Session),
        AppendOutcome.Busy => MessageBusy(),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "Not a refusal."),
    };
}
