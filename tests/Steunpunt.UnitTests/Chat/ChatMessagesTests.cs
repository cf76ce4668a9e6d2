using Steunpunt.Chat;

namespace Steunpunt.UnitTests.Chat;

public class ChatMessagesTests
{
    [Fact]
    public void A_chat_notes_activity_every_30_to_60_seconds_always_the_same_for_the_same_chat()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        var periods = ids.Select(ChatMessages.ActivityRefreshFor).ToList();

        Assert.All(periods, p => Assert.InRange(p, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)));
        Assert.Equal(periods, ids.Select(ChatMessages.ActivityRefreshFor));
        // Spread over the half minute, not bunched: 200 random chats fill every 5-second slot.
        Assert.Equal(6, periods.Select(p => Math.Min(5, (int)((p.TotalSeconds - 30) / 5))).Distinct().Count());
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789ab0000", 60)]
    [InlineData("0123456789abcdef0123456789ab8000", 45)]
    [InlineData("x", 60)]
    public void The_period_follows_the_last_four_hex_digits(string id, double seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), ChatMessages.ActivityRefreshFor(id));
}
