using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Chat.Schedule;
using Steunpunt.Common;
using Steunpunt.Common.Notifications;
using Steunpunt.StaffNotifications;

namespace Steunpunt.UnitTests.Common;

/// <summary><c>Organisation:TimeZone</c> is the one time-zone setting: every slice that works in local time takes it from Common.</summary>
public class OrganisationOptionsTests
{
    private const string SaoPaulo = "America/Sao_Paulo";

    [Fact]
    public void The_default_is_Amsterdam()
    {
        using var host = ValidSettings.BuildHost(_ => { });
        Assert.Equal("Europe/Amsterdam", host.Services.GetRequiredService<IOptions<OrganisationOptions>>().Value.TimeZone);
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"), host.Services.GetRequiredService<OrganisationClock>().Zone);
    }

    [Fact]
    public void The_setting_binds_and_every_slice_uses_it_and_not_the_old_slice_settings()
    {
        using var host = ValidSettings.BuildHost(s =>
        {
            s["Organisation:TimeZone"] = SaoPaulo;
            s["Chat:TimeZone"] = "Asia/Tokyo";
            s["Reminders:TimeZone"] = "Asia/Tokyo";
            s["StaffNotifications:TimeZone"] = "Asia/Tokyo";
        });
        var zone = TimeZoneInfo.FindSystemTimeZoneById(SaoPaulo);
        Assert.Equal(zone, host.Services.GetRequiredService<OrganisationClock>().Zone);
        Assert.Equal(zone, host.Services.GetRequiredService<ChatSchedule>().Zone);

        // 15:05 UTC is 12:05 in São Paulo (UTC-3, no daylight saving since 2019), 00:05 the next day in Tokyo.
        var notification = StaffNotification.Create(StaffNotificationKinds.SmsFailed, "ref-1", new DateTimeOffset(2026, 7, 1, 15, 5, 0, TimeSpan.Zero), null, idempotencyKey: "ref-1");
        Assert.Contains("om 12:05", host.Services.GetRequiredService<TeamMailbox>().Compose(notification).PlainText);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    public async Task An_unknown_time_zone_stops_the_app_naming_the_setting(string value)
    {
        var error = await ValidSettings.StartAsync(s => s["Organisation:TimeZone"] = value);
        Assert.IsType<OptionsValidationException>(error);
        Assert.Contains("'Organisation:TimeZone'", error.Message);
    }
}
