using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Settings;
using Steunpunt.Connectors.Events;
using Steunpunt.Reminders.Appointments;
using Steunpunt.Reminders.Insights;
using Steunpunt.Reminders.Sending;

namespace Steunpunt.Reminders;

public static class RemindersRegistration
{
    public static IServiceCollection AddReminders(this IServiceCollection services)
    {
        services.AddSettings<ReminderOptions>(ReminderOptions.Section);
        services.AddSingleton<AppointmentStore>();
        services.AddSingleton<ReminderSchedule>();
        services.AddSingleton<StaffAppointments>();
        services.AddSingleton<ReminderSweep>();
        services.AddSingleton<ReminderSender>();
        services.AddSingleton<SmsOptOuts>();
        services.AddSingleton<ICommunicationEventHandler>(sp => sp.GetRequiredService<SmsOptOuts>());
        services.AddSingleton<ReminderDeliveryFailures>();
        services.AddSingleton<ICommunicationEventHandler>(sp => sp.GetRequiredService<ReminderDeliveryFailures>());
        services.AddSingleton<ReminderInsightsQuery>();
        return services;
    }
}
