using System.Buffers;
using System.Globalization;
using System.Text;

namespace Steunpunt.Common;

/// <summary>
/// The one rule for free text anyone sends us, visitor or staff: no control characters (C0, DEL, C1: NUL, ESC and the
/// like end up in transcripts, mails and staff screens), and no line or paragraph separators where one line is meant.
/// Multi-line text may hold line breaks and tabs.
/// A line (a name, a place, a subject) also holds no invisible format characters (Unicode category Cf): bidi embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069) turn what staff read around, and zero-width characters
/// (U+200B–U+200D, U+2060, U+FEFF), the direction marks U+200E/U+200F and the soft hyphen hide text inside a name.
/// Multi-line text keeps them: phone numbers copied on Windows and phones carry U+202A/U+202C, and emoji and Persian
/// words need U+200D/U+200C.
/// </summary>
public static class FreeText
{
    public const string NotAllowed = "bevat tekens die niet zijn toegestaan (stuurtekens of onzichtbare tekens)";

    /// <summary>A name, a place, a subject: one line, nothing invisible.</summary>
    public static bool IsLine(string? text)
    {
        if (text is null) return true;
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            // A lone surrogate is no character anyone typed.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done) return false;
            if (Rune.IsControl(rune) || rune.Value is 0x2028 or 0x2029 || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format) return false;
            rest = rest[used..];
        }
        return true;
    }

    /// <summary>A message, a question, a comment: line breaks and tabs allowed.</summary>
    public static bool IsText(string? text) => text is null || !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
}
