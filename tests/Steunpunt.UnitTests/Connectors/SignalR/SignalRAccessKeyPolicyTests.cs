using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Steunpunt.Connectors.SignalR;

namespace Steunpunt.UnitTests.Connectors.SignalR;

public class SignalRAccessKeyPolicyTests
{
    private const string Key = "8v0MIU1J2WiCvXZwYIqRsGhSH3i3OuQQorVf1C3SohU";
    private const string StaffUser = "https://x.service.signalr.net/api/hubs/staff/users/u-1";
    private const string Visitor = "https://x.service.signalr.net/api/hubs/chat/users/v-1";

    private static (SignalRAccessKeyPolicy Policy, FakeTimeProvider Clock) Create()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 5, 1, 12, 0, 0, TimeSpan.Zero));
        return (new SignalRAccessKeyPolicy(new SignalRSigningKey(Key), clock), clock);
    }

    [Fact]
    public void The_same_url_gets_the_same_token_while_more_than_a_minute_of_it_is_left()
    {
        var (policy, clock) = Create();
        var first = policy.TokenFor(StaffUser);
        clock.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(59));
        Assert.Equal(first, policy.TokenFor(StaffUser));

        clock.Advance(TimeSpan.FromSeconds(1));
        var renewed = policy.TokenFor(StaffUser);
        Assert.NotEqual(first, renewed);
        Assert.Equal(clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(), new JsonWebToken(renewed).GetPayloadValue<long>("exp"));
    }

    [Fact]
    public void Every_url_has_its_own_token()
    {
        var (policy, _) = Create();
        var staff = new JsonWebToken(policy.TokenFor(StaffUser));
        var visitor = new JsonWebToken(policy.TokenFor(Visitor));
        Assert.Equal([StaffUser], staff.Audiences);
        Assert.Equal([Visitor], visitor.Audiences);
    }

    /// <summary>A clock that can be set back (the fake clock only moves forward).</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_clock_set_back_before_the_token_was_issued_gets_a_new_token()
    {
        var clock = new SettableClock(new DateTimeOffset(2030, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var policy = new SignalRAccessKeyPolicy(new SignalRSigningKey(Key), clock);
        var first = policy.TokenFor(StaffUser);
        clock.Now = clock.Now.AddMinutes(-2);
        var second = new JsonWebToken(policy.TokenFor(StaffUser));
        Assert.NotEqual(first, second.EncodedToken);
        Assert.Equal(clock.Now.ToUnixTimeSeconds(), second.GetPayloadValue<long>("nbf"));
    }
}
