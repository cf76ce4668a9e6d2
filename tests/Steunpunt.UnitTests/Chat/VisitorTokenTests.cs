using Steunpunt.Chat.Sessions;

namespace Steunpunt.UnitTests.Chat;

public class VisitorTokenTests
{
    [Fact]
    public void A_token_matches_only_its_own_hash()
    {
        var token = VisitorTokens.New();
        var other = VisitorTokens.New();
        var hash = VisitorTokens.Hash(token);

        Assert.Equal(43, token.Length);
        Assert.DoesNotContain(token, hash);
        Assert.True(VisitorTokens.Matches(token, hash));
        Assert.False(VisitorTokens.Matches(other, hash));
        Assert.False(VisitorTokens.Matches("", hash));
        Assert.False(VisitorTokens.Matches(null, hash));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("0123456789ABCDEF0123456789ABCDEF", true)]
    [InlineData("../0123456789abcdef0123456789ab", false)]
    [InlineData("not-a-chat", false)]
    public void Only_well_formed_chat_ids_reach_storage(string id, bool wellFormed)
        => Assert.Equal(wellFormed, ChatStore.IsWellFormedId(id));
}
