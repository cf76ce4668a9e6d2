using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Chat;
using Steunpunt.Common;
using Steunpunt.Connectors;
using Steunpunt.Health;
using Steunpunt.InfoMails;
using Steunpunt.MailIntake;
using Steunpunt.Reminders;
using Steunpunt.SelfTests;
using Steunpunt.StaffAuth;
using Steunpunt.StaffNotifications;

namespace Steunpunt.Composition;

/// <summary>The one composition root: the Functions host, the local host, tests and benchmarks all call this.</summary>
public static class SteunpuntServices
{
    /// <summary>Each slice registers its own services (<c>&lt;Slice&gt;Registration.cs</c> in its folder).</summary>
    public static IServiceCollection AddSteunpunt(this IServiceCollection services, IConfiguration configuration)
        => services
            .AddCommon(configuration)
            .AddConnectors(configuration)
            .AddStaffAuth()
            .AddStaffNotifications()
            .AddChat()
            .AddMailIntake()
            .AddReminders()
            .AddSelfTests()
            .AddInfoMails()
            .AddHealth();
}
