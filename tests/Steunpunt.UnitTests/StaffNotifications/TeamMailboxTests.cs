using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Steunpunt.Common;
using Steunpunt.Common.Notifications;
using Steunpunt.StaffNotifications;

namespace Steunpunt.UnitTests.StaffNotifications;

/// <summary>Which notifications go to the team mailbox, and what the mail says (and does not).</summary>
public class TeamMailboxTests
{
    private static readonly DateTimeOffset At = new(2026, 7, 1, 13, 5, 0, TimeSpan.Zero);

    private static TeamMailbox Mailbox(string? address = "team@example.nl", string? kinds = null)
    {
        var options = new StaffNotificationsOptions { TeamMailbox = address };
        if (kinds is not null) options.MailKinds = kinds;
        return new TeamMailbox(Options.Create(options), new OrganisationClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")));
    }

    private static StaffNotification Notification(string kind, IReadOnlyDictionary<string, string>? details = null, string reference = "ref-1")
        => StaffNotification.Create(kind, reference, At, details, idempotencyKey: reference);

    [Theory]
    [InlineData(StaffNotificationKinds.ChatWaitingTooLong, true)]
    [InlineData(StaffNotificationKinds.SmsFailed, true)]
    [InlineData(StaffNotificationKinds.MessageParked, true)]
    [InlineData(StaffNotificationKinds.ChatWaiting, false)]
    [InlineData(StaffNotificationKinds.ChatVisitorMessage, false)]
    [InlineData(StaffNotificationKinds.MailReceived, false)]
    [InlineData(StaffNotificationKinds.MailMessage, false)]
    [InlineData(StaffNotificationKinds.SelfTestContactRequest, false)]
    [InlineData("some-future-kind", false)]
    public void By_default_the_kinds_someone_must_act_on_are_mailed(string kind, bool mailed)
        => Assert.Equal(mailed, Mailbox().ShouldMail(Notification(kind)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_a_team_mailbox_nothing_is_mailed(string? address)
        => Assert.All(StaffNotificationKinds.All, kind => Assert.False(Mailbox(address).ShouldMail(Notification(kind))));

    [Fact]
    public void The_mailed_kinds_are_configurable_and_may_be_none()
    {
        var some = Mailbox(kinds: " mail-received , selftest-contact-request ");
        Assert.True(some.ShouldMail(Notification(StaffNotificationKinds.MailReceived)));
        Assert.True(some.ShouldMail(Notification(StaffNotificationKinds.SelfTestContactRequest)));
        Assert.False(some.ShouldMail(Notification(StaffNotificationKinds.SmsFailed)));
        Assert.All(StaffNotificationKinds.All, kind => Assert.False(Mailbox(kinds: "").ShouldMail(Notification(kind))));
    }

    [Fact]
    public void One_mail_per_notification_id()
    {
        var notification = Notification(StaffNotificationKinds.SmsFailed);
        Assert.Equal(TeamMailbox.KeyFor(notification).ToGuid("email"), TeamMailbox.KeyFor(notification with { OccurredAt = At.AddHours(1) }).ToGuid("email"));
        Assert.NotEqual(TeamMailbox.KeyFor(notification).ToGuid("email"), TeamMailbox.KeyFor(Notification(StaffNotificationKinds.SmsFailed, reference: "ref-2")).ToGuid("email"));
    }

    [Fact]
    public void The_mail_says_in_Dutch_what_happened_and_where_to_look()
    {
        var notification = Notification(StaffNotificationKinds.ChatWaitingTooLong, new Dictionary<string, string> { ["waitedMinutes"] = "7", ["topic"] = "sexual-offence" }, "3f2b8c1e9a7d4e6f");
        var mail = Mailbox().Compose(notification);

        Assert.Equal("team@example.nl", Assert.Single(mail.To).Address);
        Assert.Equal("Steunpunt: een chat wacht al 7 minuten", mail.Subject);
        Assert.Contains("wacht al 7 minuten", mail.PlainText);
        Assert.Contains("chatconsole", mail.PlainText);
        Assert.Contains("Kenmerk: 3f2b8c1e9a7d4e6f", mail.PlainText);
        Assert.Contains("woensdag 1 juli 2026 om 15:05", mail.PlainText); // Amsterdam summer time
        Assert.DoesNotContain("sexual-offence", mail.PlainText); // only what is needed to act
        Assert.Contains("<html lang=\"nl\">", mail.Html);
        Assert.Equal(notification.Id.ToString(), mail.Headers[TeamMailbox.NotificationIdHeader]);
    }

    [Theory]
    [InlineData(StaffNotificationKinds.SmsFailed, "sms is niet afgeleverd")]
    [InlineData(StaffNotificationKinds.MessageParked, "apart gezet")]
    [InlineData(StaffNotificationKinds.SelfTestContactRequest, "contactverzoek")]
    [InlineData(StaffNotificationKinds.MailReceived, "nieuwe mail")]
    [InlineData(StaffNotificationKinds.MailMessage, "nieuw bericht in een mailzaak")]
    [InlineData(StaffNotificationKinds.ChatWaiting, "nieuwe chat")]
    [InlineData(StaffNotificationKinds.ChatVisitorMessage, "nieuw bericht")]
    [InlineData("some-future-kind", "nieuwe melding")]
    public void Every_kind_has_its_own_subject(string kind, string subject)
        => Assert.Contains(subject, Mailbox(kinds: "").Compose(Notification(kind)).Subject);

    [Fact]
    public void A_mail_message_names_the_case_and_says_when_it_reopened_and_may_go_to_the_team_mailbox()
    {
        var details = new Dictionary<string, string> { ["reference"] = "SP-ABCD2345", ["seq"] = "3", ["reopened"] = "true" };
        var mail = Mailbox().Compose(Notification(StaffNotificationKinds.MailMessage, details));

        Assert.Contains("zaak SP-ABCD2345 schreef een nieuw bericht", mail.PlainText);
        Assert.Contains("weer open", mail.PlainText);
        Assert.DoesNotContain("weer open", Mailbox().Compose(Notification(StaffNotificationKinds.MailMessage, new Dictionary<string, string>(details) { ["reopened"] = "false" })).PlainText);
        Assert.True(Mailbox(kinds: "mail-message").ShouldMail(Notification(StaffNotificationKinds.MailMessage)));
        Assert.Empty(new StaffNotificationsOptions { MailKinds = "mail-message" }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())));
    }

    [Fact]
    public void Values_are_encoded_in_the_html_and_the_subject_stays_one_line()
    {
        var notification = Notification(StaffNotificationKinds.MessageParked,
            new Dictionary<string, string> { ["queue"] = "q", ["poisonQueue"] = "evil\r\nBcc: x@y.z", ["count"] = "1" }, "<script>alert(1)</script>");
        var mail = Mailbox().Compose(notification);

        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain('\r', mail.Subject);
        Assert.DoesNotContain("<script>", mail.Html);
        Assert.Contains("&lt;script&gt;", mail.Html);
    }

    [Fact]
    public void The_defaults_are_valid_settings()
        => Assert.Empty(Validate(new StaffNotificationsOptions()));

    [Theory]
    [InlineData(nameof(StaffNotificationsOptions.TeamMailbox), "Team <team@example.nl>")]
    [InlineData(nameof(StaffNotificationsOptions.TeamMailbox), "geen-adres")]
    [InlineData(nameof(StaffNotificationsOptions.MailKinds), "sms-failed,sms-kapot")]
    [InlineData(nameof(StaffNotificationsOptions.RetentionDays), "3")]
    public void A_malformed_setting_is_named(string property, string value)
    {
        var options = new StaffNotificationsOptions();
        var info = typeof(StaffNotificationsOptions).GetProperty(property)!;
        info.SetValue(options, info.PropertyType == typeof(int) ? int.Parse(value) : value);
        Assert.Contains(Validate(options), r => r.MemberNames.Contains(property));
    }

    private static List<ValidationResult> Validate(StaffNotificationsOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
