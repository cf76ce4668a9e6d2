using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Storage;

namespace Steunpunt.IntegrationTests.Chat;

/// <summary>Starting a chat when the store's answer to the first insert came too late and the retry finds the row.</summary>
[Collection(LocalHostCollection.Name)]
public class ChatStoreTests(LocalHostFixture fixture)
{
    private ChatStore Store => fixture.Services.GetRequiredService<ChatStore>();

    private ChatSession NewSession(string token)
    {
        var at = fixture.Clock.GetUtcNow();
        return new ChatSession { PartitionKey = EntityIds.New(), Topic = "violence", VisitorTokenHash = VisitorTokens.Hash(token), StartedAt = at, LastActivityAt = at };
    }

    [Fact]
    public async Task A_create_whose_session_row_is_already_there_from_its_own_timed_out_attempt_completes_the_chat()
    {
        var session = NewSession(VisitorTokens.New());
        // What the first attempt left: the row landed, its answer did not arrive in time.
        await fixture.Storage.Tables.GetTableClient(StorageNames.Tables.Chats).AddEntityAsync(NewCopy(session), CancellationToken.None);

        await Store.CreateAsync(session, CancellationToken.None);

        Assert.Equal(session.VisitorTokenHash, (await Store.FindAsync(session.Id, CancellationToken.None))!.VisitorTokenHash);
        var waiting = await fixture.RowsAsync(StorageNames.Tables.ChatIndex, ChatStore.WaitingPartition);
        Assert.Contains(waiting, row => row.RowKey == ChatStore.WaitingKey(session));
        var open = await fixture.RowsAsync(StorageNames.Tables.ChatIndex, ChatStore.OpenPartition);
        Assert.Contains(open, row => row.RowKey == session.Id);
    }

    [Fact]
    public async Task A_create_whose_id_is_taken_by_another_chat_fails_and_lists_nothing()
    {
        var session = NewSession(VisitorTokens.New());
        var other = NewCopy(session);
        other.VisitorTokenHash = VisitorTokens.Hash(VisitorTokens.New());
        await fixture.Storage.Tables.GetTableClient(StorageNames.Tables.Chats).AddEntityAsync(other, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.CreateAsync(session, CancellationToken.None));

        Assert.Equal(other.VisitorTokenHash, (await Store.FindAsync(session.Id, CancellationToken.None))!.VisitorTokenHash);
        var open = await fixture.RowsAsync(StorageNames.Tables.ChatIndex, ChatStore.OpenPartition);
        Assert.DoesNotContain(open, row => row.RowKey == session.Id);
    }

    private static ChatSession NewCopy(ChatSession session) => new()
    {
        PartitionKey = session.PartitionKey,
        Topic = session.Topic,
        VisitorTokenHash = session.VisitorTokenHash,
        StartedAt = session.StartedAt,
        LastActivityAt = session.LastActivityAt,
    };
}
