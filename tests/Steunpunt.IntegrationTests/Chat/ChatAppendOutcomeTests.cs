using Steunpunt.Chat;
using Steunpunt.Chat.Sessions;
using static Steunpunt.IntegrationTests.Chat.ChatTestKit;

namespace Steunpunt.IntegrationTests.Chat;

/// <summary>Appending a message reports what became of it as an outcome; the endpoints make the HTTP answer of it.</summary>
[Collection(LocalHostCollection.Name)]
public class ChatAppendOutcomeTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task A_message_is_stored_refused_with_the_session_read_or_refused_because_the_chat_ended()
    {
        MoveToOpeningHours(fixture.Clock);
        var chat = await StartAsync(fixture);
        var store = new ChatStore(fixture.Storage);
        var session = (await store.FindAsync(chat.ChatId, default))!;

        var stored = Assert.IsType<AppendOutcome.Stored>(
            await ChatMessages.AppendAsync(store, session, ChatParties.Visitor, "eerste", null, fixture.Clock, default));
        Assert.Equal("eerste", stored.Message.Text);
        Assert.Equal(ChatParties.Visitor, stored.Message.From);

        var refused = Assert.IsType<AppendOutcome.NotAllowed>(
            await ChatMessages.AppendAsync(store, session, ChatParties.Staff, "niet van mij", _ => false, fixture.Clock, default));
        Assert.Equal(chat.ChatId, refused.Session.Id);

        var closing = (await store.FindAsync(chat.ChatId, default))!;
        closing.State = ChatStates.Closed;
        Assert.True(await ChatMessages.TrySaveWithLineAsync(store, closing, ChatText.ClosedLine, fixture.Clock, default));
        Assert.IsType<AppendOutcome.ChatEnded>(
            await ChatMessages.AppendAsync(store, session, ChatParties.Visitor, "na afloop", null, fixture.Clock, default));
    }
}
