using Steunpunt.MailIntake;
using Steunpunt.MailIntake.Cases;

namespace Steunpunt.UnitTests.MailIntake;

/// <summary>When a case is due for erasure, also when its sender wrote into it after it came in.</summary>
public class MailCaseRetentionTests
{
    private static readonly MailIntakeOptions Settings = new() { RetentionDays = 180, RetentionDaysWithoutConsent = 14 };
    private static readonly DateTimeOffset Received = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_consent_a_case_is_kept_its_period_from_arrival_whatever_happens_later()
        => Assert.Equal(Received.AddDays(180), MailCaseRetention.DueAt(true, Received, Received.AddDays(2), Received.AddDays(100), Settings));

    [Fact]
    public void Without_consent_the_period_runs_from_the_close_or_the_arrival()
    {
        Assert.Equal(Received.AddDays(14), MailCaseRetention.DueAt(false, Received, null, null, Settings));
        Assert.Equal(Received.AddDays(5 + 14), MailCaseRetention.DueAt(false, Received, Received.AddDays(5), null, Settings));
    }

    [Fact]
    public void Without_consent_a_later_message_from_the_sender_keeps_the_reopened_case_for_staff()
    {
        Assert.Equal(Received.AddDays(20 + 14), MailCaseRetention.DueAt(false, Received, Received.AddDays(5), Received.AddDays(20), Settings));
        Assert.Equal(Received.AddDays(30 + 14), MailCaseRetention.DueAt(false, Received, Received.AddDays(30), Received.AddDays(20), Settings));
    }

    [Fact]
    public void A_message_keeps_a_case_no_longer_than_the_longer_period_so_the_purge_finds_it()
    {
        Assert.Equal(Received.AddDays(180), MailCaseRetention.DueAt(false, Received, null, Received.AddDays(400), Settings));
        var shortWithConsent = new MailIntakeOptions { RetentionDays = 7, RetentionDaysWithoutConsent = 30 };
        Assert.Equal(Received.AddDays(30), MailCaseRetention.DueAt(false, Received, null, Received.AddDays(90), shortWithConsent));
        // A close is counted from as before, also past that period.
        Assert.Equal(Received.AddDays(10 + 30), MailCaseRetention.DueAt(false, Received, Received.AddDays(10), Received.AddDays(20), shortWithConsent));
    }
}
