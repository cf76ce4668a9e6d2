using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Steunpunt.Common.Http;

namespace Steunpunt.StaffNotifications;

/// <summary>The answer of the catch-up: the notifications from <c>since</c> on, oldest first; <c>More</c> when the page was full.</summary>
public sealed record StaffNotificationPage(DateTimeOffset Since, IReadOnlyList<StaffNotification> Notifications, bool More);

/// <summary>What a console that was not connected missed: the stored notifications from an instant on.</summary>
public sealed class StaffNotificationCatchUp(StaffNotificationStore store, TimeProvider clock)
{
    public const int MaxPerPage = 500;

    public async Task<IActionResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (since, error) = SinceQuery.Parse(request.Query[SinceQuery.Parameter].ToString(), now);
        if (error is not null) return Problem.Validation(SinceQuery.Parameter, error);
        var (notifications, more) = await store.ListAsync(since, now, MaxPerPage, cancellationToken);
        return new JsonResponse(new StaffNotificationPage(since, notifications, more));
    }
}
