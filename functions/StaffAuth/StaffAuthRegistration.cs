using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Settings;

namespace Steunpunt.StaffAuth;

public static class StaffAuthRegistration
{
    /// <summary>Staff identity: settings <c>StaffAuth</c> (checked at start) and the token check the staff endpoints share, and the insights' staff + period preamble.</summary>
    public static IServiceCollection AddStaffAuth(this IServiceCollection services)
    {
        services.AddSettings<StaffAuthOptions>(StaffAuthOptions.Section);
        services.AddSingleton<StaffAuthenticator>();
        services.AddSingleton<StaffDateRange>();
        return services;
    }
}
