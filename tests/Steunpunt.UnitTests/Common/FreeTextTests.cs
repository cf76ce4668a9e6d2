using System.Globalization;
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

    /// <summary>The bidi controls and zero-width characters the issue names, with the direction marks, word joiner, soft hyphen and a tag.</summary>
    public static readonly int[] Invisible =
    [
        0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
        0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x00AD, 0x061C, 0xE0001,
    ];

    private static readonly string[] Names = ["Anna", "Zoë de Vries-O'Neil", "Beste klant. Uw zaak is gesloten", "محمد علي", "יעל כהן", "Ψυχή", "李小龙", "😀"];

    [Fact]
    public void No_invisible_character_passes_in_a_line_at_any_place()
    {
        foreach (var value in Invisible)
        {
            var c = char.ConvertFromUtf32(value);
            foreach (var name in Names)
            {
                for (var at = 0; at <= name.Length; at++)
                {
                    Assert.False(FreeText.IsLine(name.Insert(at, c)), $"U+{value:X4} at {at} in '{name}'");
                }
            }
        }
    }

    [Fact]
    public void Every_format_character_of_the_basic_plane_is_refused_in_a_line()
    {
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (c is >= 0xD800 and <= 0xDFFF) continue;
            if (CharUnicodeInfo.GetUnicodeCategory((char)c) == UnicodeCategory.Format) Assert.False(FreeText.IsLine("Anna" + (char)c), $"U+{c:X4}");
        }
    }

    [Fact]
    public void Random_names_of_letters_marks_digits_spaces_and_punctuation_of_any_script_are_lines()
    {
        // Property: a string of letters, combining marks, digits, spaces and punctuation (no format or control character) is
        // a line; the same string with one invisible character anywhere is not.
        var random = new Random(14);
        var allowed = Enumerable.Range(0x20, 0x3000).Select(c => (char)c)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.SpaceSeparator or UnicodeCategory.OtherPunctuation
                or UnicodeCategory.DashPunctuation)
            .ToArray();
        for (var i = 0; i < 2000; i++)
        {
            var name = new string(Enumerable.Range(0, random.Next(1, 40)).Select(_ => allowed[random.Next(allowed.Length)]).ToArray());
            Assert.True(FreeText.IsLine(name), string.Join(" ", name.Select(c => $"U+{(int)c:X4}")));
            Assert.True(FreeText.IsText(name));
            var invisible = char.ConvertFromUtf32(Invisible[random.Next(Invisible.Length)]);
            Assert.False(FreeText.IsLine(name.Insert(random.Next(name.Length + 1), invisible)));
        }
    }

    [Fact]
    public void A_lone_surrogate_is_no_line() => Assert.False(FreeText.IsLine("Anna\uD800"));

    [Theory]
    [InlineData("Bel me op \u202A+31 6 12345678\u202C")]
    [InlineData("Onze familie 👩\u200D👩\u200D👧")]
    [InlineData("می\u200Cخواهم")]
    public void Multi_line_text_keeps_the_invisible_characters_real_text_carries(string text) => Assert.True(FreeText.IsText(text));
}
