namespace Steunpunt.Common;

/// <summary>
/// The one rule for free text anyone sends us, visitor or staff: no control characters (C0, DEL, C1: NUL, ESC and the
/// like end up in transcripts, mails and staff screens), and no line or paragraph separators where one line is meant.
/// Multi-line text may hold line breaks and tabs.
/// </summary>
public static class FreeText
{
    public const string NotAllowed = "bevat tekens die niet zijn toegestaan (stuurtekens)";

    /// <summary>A name, a place, a subject: one line.</summary>
    public static bool IsLine(string? text) => text is null || !text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');

    /// <summary>A message, a question, a comment: line breaks and tabs allowed.</summary>
    public static bool IsText(string? text) => text is null || !text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
}
