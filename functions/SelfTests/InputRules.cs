using System.Text.RegularExpressions;
using Steunpunt.Common.Http;

namespace Steunpunt.SelfTests;

/// <summary>Checks shared by the self-test endpoints; each failure is added to the problem's per-field errors.</summary>
public static partial class InputRules
{
    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SessionIdPattern();

    public static void CheckIn(Dictionary<string, string[]> errors, string field, string value, IReadOnlyList<string> allowed)
    {
        if (!allowed.Contains(value)) errors[field] = [$"'{Problem.Echo(value)}' is niet toegestaan; kies uit: {string.Join(", ", allowed)}."];
    }

    public static void CheckSessionId(Dictionary<string, string[]> errors, string? sessionId)
    {
        if (sessionId is not null && !SessionIdPattern().IsMatch(sessionId))
        {
            errors["sessionId"] = ["Gebruik 1 tot 64 letters, cijfers, '-' of '_'."];
        }
    }

    public static string UnknownTest(string testId) => $"Er is geen zelftest '{Problem.Echo(testId)}'.";
}
