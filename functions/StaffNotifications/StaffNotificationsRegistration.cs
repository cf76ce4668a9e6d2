using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Notifications;
using Steunpunt.Common.Settings;
using Steunpunt.Connectors.Events;

namespace Steunpunt.StaffNotifications;

public static class StaffNotificationsRegistration
{
    /// <summary>The staff-notifications slice: settings, the staff hub's negotiation, store, delivery (store, push, mail) from the queue or at once, catch-up, purge, poison watcher, SMS failures.</summary>
    public static IServiceCollection AddStaffNotifications(this IServiceCollection services)
    {
        services.AddSettings<StaffNotificationsOptions>(StaffNotificationsOptions.Section);
        services.AddSingleton<StaffNotificationStore>();
        services.AddSingleton<StaffConnectionNegotiator>();
        services.AddSingleton<TeamMailbox>();
        services.AddSingleton<StaffNotificationDelivery>();
        services.AddSingleton<StaffNotifier>();
        services.AddSingleton<IStaffNotifications>(sp => sp.GetRequiredService<StaffNotifier>());
        services.AddSingleton<StaffNotificationCatchUp>();
        services.AddSingleton<StaffNotificationPurge>();
        services.AddSingleton<PoisonQueueWatcher>();
        services.AddSingleton<ICommunicationEventHandler, SmsFailureNotifier>();
        return services;
    }
}
