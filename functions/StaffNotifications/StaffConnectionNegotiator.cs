using Steunpunt.Connectors.SignalR;
using Steunpunt.StaffAuth;

namespace Steunpunt.StaffNotifications;

/// <summary>
/// Lets a staff member's SignalR client connect to the staff hub, under the member's stable id so messages can
/// be sent to that person, and in the team group so notifications for everyone reach them.
/// </summary>
public sealed class StaffConnectionNegotiator(IRealtimeMessenger messenger)
{
    public async Task<SignalRConnectionInfo> NegotiateAsync(StaffMember member, CancellationToken cancellationToken)
    {
        // Without a ttl: membership alone gives nothing (a connection needs a token from here, which needs the
        // staff role), and a ttl would silently stop group messages on a connection that stays open.
        await messenger.AddUserToGroupAsync(SignalRHubs.Staff, SignalRGroups.Staff, member.Subject, cancellationToken: cancellationToken);
        return await messenger.NegotiateAsync(SignalRHubs.Staff, member.Subject, cancellationToken: cancellationToken);
    }
}
