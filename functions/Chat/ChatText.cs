using Microsoft.AspNetCore.Mvc;
using Steunpunt.Common.Http;

namespace Steunpunt.Chat;

internal static class ChatText
{
    /// <summary>A message must have text, stay under the cap, and hold no control characters but line breaks and tabs.</summary>
    public static IActionResult? Check(string? text, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text)) return Problem.Validation("text", "Een bericht mag niet leeg zijn.");
        if (text.Length > maxLength) return Problem.Validation("text", $"Een bericht mag hoogstens {maxLength} tekens zijn.");
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) return Problem.Validation("text", "Het bericht bevat tekens die niet zijn toegestaan.");
        return null;
    }

    public static IActionResult ClosedProblem()
        => Problem.Conflict("chat-ended", "Deze chat is afgesloten.", "Deze chat is afgesloten. U kunt een nieuwe chat beginnen als de chat open is.");
}
