using Steunpunt.LocalHost.Emulators.CommunicationServices;

namespace Steunpunt.UnitTests.LocalHost;

public class DevOutboxTests
{
    private static OutboxItem Item(long sequence, string channel = DevOutbox.Email, string to = "a@example.org")
        => new() { Sequence = sequence, Channel = channel, AcceptedAt = DateTimeOffset.UnixEpoch, From = "x", To = [to], Id = sequence.ToString(), DeliveryStatus = "Delivered" };

    [Fact]
    public void A_cursor_gets_what_came_after_it_oldest_first_even_when_adds_crossed()
    {
        var outbox = new DevOutbox();
        foreach (var sequence in new long[] { 1, 2, 4, 3, 5 }) outbox.Add(Item(sequence));

        Assert.Equal([1L, 2, 3, 4, 5], outbox.Query().Select(i => i.Sequence));
        Assert.Equal([3L, 4, 5], outbox.Query(after: 2).Select(i => i.Sequence));
        Assert.Empty(outbox.Query(after: 5));
    }

    [Fact]
    public void Channel_and_recipient_filter_what_the_cursor_lets_through()
    {
        var outbox = new DevOutbox();
        outbox.Add(Item(1, to: "b@example.org"));
        outbox.Add(Item(2, DevOutbox.Sms, "+31612345678"));
        outbox.Add(Item(3, to: "B@example.org"));
        outbox.Add(Item(4, to: "c@example.org"));

        Assert.Equal([1L, 3], outbox.Query(DevOutbox.Email, "b@example.org").Select(i => i.Sequence));
        Assert.Equal([3L], outbox.Query(DevOutbox.Email, "b@example.org", after: 1).Select(i => i.Sequence));
        Assert.Equal([2L], outbox.Query(DevOutbox.Sms).Select(i => i.Sequence));
    }
}
