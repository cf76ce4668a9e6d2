using Steunpunt.Chat;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Http;

namespace Steunpunt.UnitTests.Chat;

/// <summary>The chat rules say what is wrong; the endpoints' <see cref="ChatProblems"/> turns that into the problem answer.</summary>
public class ChatOutcomeTests
{
    [Theory]
    [InlineData("", "Een bericht mag niet leeg zijn.")]
    [InlineData("   ", "Een bericht mag niet leeg zijn.")]
    [InlineData("123456", "Een bericht mag hoogstens 5 tekens zijn.")]
    [InlineData("bel\u0007", "Het bericht " + Steunpunt.Common.FreeText.NotAllowed + ".")]
    public void A_bad_message_text_is_a_Dutch_error_not_an_answer(string text, string expected)
        => Assert.Equal(expected, ChatText.Check(text, 5));

    [Fact]
    public void Text_with_line_breaks_and_tabs_passes()
        => Assert.Null(ChatText.Check("Hallo,\n\tik heb een vraag.", 100));

    [Fact]
    public void A_bad_text_is_answered_as_a_400_naming_the_field_text()
    {
        var problem = ChatProblems.InvalidText(ChatText.Check("", 5)!);
        Assert.Equal(400, problem.StatusCode);
        Assert.Equal(["text"], problem.Value.Errors!.Keys);
        Assert.Equal("Een bericht mag niet leeg zijn.", problem.Value.Detail);
    }

    [Fact]
    public void Each_refusal_of_a_message_has_its_own_problem()
    {
        Assert.Equal((404, "urn:steunpunt:problem:not-found"), Answer(new AppendOutcome.ChatGone()));
        Assert.Equal((409, "urn:steunpunt:problem:chat-ended"), Answer(new AppendOutcome.ChatEnded()));
        Assert.Equal((503, "urn:steunpunt:problem:busy"), Answer(new AppendOutcome.Busy()));

        var session = new ChatSession { StaffId = "colleague" };
        ChatSession? seen = null;
        var refused = ChatProblems.For(new AppendOutcome.NotAllowed(session), s => { seen = s; return Problem.Forbidden("Van een collega."); });
        Assert.Equal(403, refused.StatusCode);
        Assert.Same(session, seen);

        static (int, string) Answer(AppendOutcome outcome) { var p = ChatProblems.For(outcome); return (p.StatusCode, p.Value.Type); }
    }

    [Fact]
    public void A_stored_message_is_no_problem()
        => Assert.Throws<ArgumentOutOfRangeException>(() => ChatProblems.For(new AppendOutcome.Stored(
            new AppendedMessage(1, ChatParties.Visitor, "hoi", DateTimeOffset.UnixEpoch, null, null, false))));
}
