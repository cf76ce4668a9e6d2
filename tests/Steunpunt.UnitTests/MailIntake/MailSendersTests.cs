using Steunpunt.MailIntake.Cases;

namespace Steunpunt.UnitTests.MailIntake;

public class MailSendersTests
{
    private static readonly DateTimeOffset At = new(2030, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_sender_row_only_moves_forward_in_time()
    {
        Assert.True(MailSenders.IsNewer(At, null));
        Assert.True(MailSenders.IsNewer(At, At.AddTicks(-1)));
        // A redelivery of the same mail, or a late one of an older mail, leaves the row as it is.
        Assert.False(MailSenders.IsNewer(At, At));
        Assert.False(MailSenders.IsNewer(At, At.AddMinutes(5)));
    }
}
