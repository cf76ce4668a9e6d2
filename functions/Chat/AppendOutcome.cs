using Steunpunt.Chat.Sessions;

namespace Steunpunt.Chat;

/// <summary>What became of a message: stored, or why not. The sender's HTTP answer is the endpoint's (<see cref="ChatProblems"/>).</summary>
public abstract record AppendOutcome
{
    private AppendOutcome() { }

    public sealed record Stored(AppendedMessage Message) : AppendOutcome;

    /// <summary>The chat was deleted meanwhile.</summary>
    public sealed record ChatGone : AppendOutcome;

    public sealed record ChatEnded : AppendOutcome;

    /// <summary>The caller's check refused the chat as last read (e.g. a colleague has it now).</summary>
    public sealed record NotAllowed(ChatSession Session) : AppendOutcome;

    /// <summary>Every attempt found its number taken: too many writers at once; worth trying again.</summary>
    public sealed record Busy : AppendOutcome;
}
