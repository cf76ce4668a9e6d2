using Steunpunt.Common;

namespace Steunpunt.Chat;

internal static class ChatText
{
    /// <summary>
    /// A message must have text, stay under the cap, and hold no control characters but line breaks and tabs: what is wrong
    /// (Dutch, for the field <c>text</c>), or null.
    /// </summary>
    public static string? Check(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text)) return "Een bericht mag niet leeg zijn.";
        if (text.Length > maxLength) return $"Een bericht mag hoogstens {maxLength} tekens zijn.";
        if (!FreeText.IsText(text)) return $"Het bericht {FreeText.NotAllowed}.";
        return null;
    }

    /// <summary>The system line in the transcript where a chat ended (by whom is in the chat's state).</summary>
    public const string ClosedLine = "Het gesprek is beëindigd.";

    /// <summary>The system line where a colleague took the chat over; both sides see it.</summary>
    public static string TransferredLine(string? staffName) => $"{(string.IsNullOrWhiteSpace(staffName) ? "Een collega" : staffName)} neemt het gesprek over.";
}
