using Steunpunt.Common;

namespace Steunpunt.UnitTests.Common;

public class FreeTextTests
{
    [Theory]
    [InlineData("\0")]
    [InlineData("\u001b[31m")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    [InlineData("\u009b")]
    [InlineData("\b")]
    public void Control_characters_are_refused_in_lines_and_in_text(string control)
    {
        Assert.False(FreeText.IsLine("Anna " + control));
        Assert.False(FreeText.IsText("Hallo " + control + " daar"));
    }

    [Theory]
    [InlineData("een\nregel")]
    [InlineData("een\r\nregel")]
    [InlineData("een\tregel")]
    [InlineData("een\u2028regel")]
    public void A_line_is_one_line(string text) => Assert.False(FreeText.IsLine(text));

    [Theory]
    [InlineData("Beste Anna,\n\nDank voor uw bericht.\r\n\tGroet")]
    [InlineData("Zoë & Noël — 'ja' 😀")]
    [InlineData(null)]
    public void Text_may_have_line_breaks_tabs_and_any_letter(string? text) => Assert.True(FreeText.IsText(text));

    [Fact]
    public void A_name_with_letters_and_marks_is_a_line() => Assert.True(FreeText.IsLine("Zoë de Vries-O'Neil"));
}
