namespace Steunpunt.Common.Http;

/// <summary>
/// The size caps passed to <see cref="JsonBody"/>, by what a body holds, so a limit is chosen by name and the same kind
/// of body gets the same cap. A slice whose body is its own kind (a mail form, an information-mail request) names its
/// own constant next to its rules.
/// </summary>
public static class BodyLimits
{
    /// <summary>A few fields and no free text: a self-test funnel event.</summary>
    public const int Tiny = 2 * 1024;

    /// <summary>Fields and a short remark: a rating, a chat's start.</summary>
    public const int Small = 4 * 1024;

    /// <summary>One chat message or a staff action with a note (also <see cref="JsonBody.DefaultMaxBytes"/>).</summary>
    public const int Message = 16 * 1024;

    /// <summary>A staff member's written reply to a mail case.</summary>
    public const int Reply = 128 * 1024;
}
