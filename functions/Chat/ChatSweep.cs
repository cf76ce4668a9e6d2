using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Storage;
using Steunpunt.Common.Notifications;

namespace Steunpunt.Chat;

/// <summary>
/// Every minute over the open chats (a short list): a chat waiting too long raises one staff notification, and a chat
/// idle for too long is closed. Safe to run twice at once: closing is a compare-and-swap, and an extra alert is harmless.
/// </summary>
public sealed class ChatSweep(
    ChatStore store, ChatRealtime realtime, ChatWaitingList waitingList, IStaffNotifications staff, IOptions<ChatOptions> options, TimeProvider clock, ILogger<ChatSweep> logger)
{
    public async Task<(int Alerts, int Closed)> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var waitAlert = TimeSpan.FromMinutes(options.Value.WaitAlertMinutes);
        var idle = TimeSpan.FromMinutes(options.Value.IdleMinutes);
        int alerts = 0, closed = 0;
        foreach (var id in await store.OpenChatIdsAsync(cancellationToken))
        {
            var session = await store.FindAsync(id, cancellationToken);
            if (session is null || !session.IsOpen)
            {
                if (session is not null) await store.LeaveIndexAsync(session, cancellationToken);
                continue;
            }
            if (now - session.LastActivityAt >= idle)
            {
                if (await ChatClosing.CloseAsync(store, realtime, waitingList, id, ChatParties.System, clock, cancellationToken) is not null) closed++;
                continue;
            }
            if (session.State == ChatStates.Waiting && !session.WaitAlertSent && now - session.StartedAt >= waitAlert)
            {
                // Raise first, then mark: a crash in between repeats the alert rather than losing it. The id follows from the
                // chat, so a repeat is recognised (and the team mailbox gets one mail per chat).
                var facts = new Dictionary<string, string>(VisitorChats.Facts(session)) { ["waitedMinutes"] = ((int)(now - session.StartedAt).TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture) };
                await staff.RaiseAsync(StaffNotificationKinds.ChatWaitingTooLong, id, now, facts, idempotencyKey: id, cancellationToken);
                session.WaitAlertSent = true;
                await store.TryUpdateAsync(session, cancellationToken);
                alerts++;
            }
        }
        if (alerts + closed > 0) logger.LogInformation("Chat sweep: {Alerts} waiting-too-long alert(s), {Closed} idle chat(s) closed.", alerts, closed);
        return (alerts, closed);
    }
}
