using Microsoft.Extensions.Logging;
using Steunpunt.Chat.Sessions;
using Steunpunt.Connectors.SignalR;

namespace Steunpunt.Chat;

/// <summary>
/// What the chat pushes, and to whom: visitors on the <c>chat</c> hub (one user per chat, <c>visitor-{chat id}</c>),
/// staff on the <c>staff</c> hub (their own user id; the whole team in group <c>staff</c>). A push that fails is
/// logged, not retried: the message is stored, and a client that missed it reads on from its cursor.
/// </summary>
public sealed class ChatRealtime(IRealtimeMessenger messenger, ILogger<ChatRealtime> logger)
{
    public const string VisitorHub = "chat";

    public static string VisitorUser(string chatId) => "visitor-" + chatId;

    public Task<SignalRConnectionInfo> NegotiateVisitorAsync(string chatId, TimeSpan lifetime, CancellationToken cancellationToken)
        => messenger.NegotiateAsync(VisitorHub, VisitorUser(chatId), lifetime, cancellationToken);

    public Task ToVisitorAsync(string chatId, string target, object payload, CancellationToken cancellationToken)
        => SafeAsync(() => messenger.SendToUserAsync(VisitorHub, VisitorUser(chatId), target, [payload], cancellationToken), target);

    public Task ToStaffMemberAsync(string staffId, string target, object payload, CancellationToken cancellationToken)
        => SafeAsync(() => messenger.SendToUserAsync(SignalRHubs.Staff, staffId, target, [payload], cancellationToken), target);

    public Task ToAllStaffAsync(string target, object payload, CancellationToken cancellationToken)
        => SafeAsync(() => messenger.SendToGroupAsync(SignalRHubs.Staff, SignalRGroups.Staff, target, [payload], cancellationToken), target);

    private async Task SafeAsync(Func<Task> push, string target)
    {
        try
        {
            await push();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning("Real-time push '{Target}' failed ({Error}); clients catch up from their cursor.", target, exception.GetType().Name);
        }
    }
}

/// <summary>The client method names the chat pushes (the widget and the staff console listen for these).</summary>
public static class ChatEvents
{
    public const string Message = "chatMessage";
    public const string State = "chatState";
    public const string QueuePosition = "queuePosition";
    public const string Typing = "typing";
    public const string WaitingListChanged = "waitingListChanged";
}
