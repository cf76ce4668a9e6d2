namespace Steunpunt.InfoMails;

/// <summary>The body of <c>POST /api/info-mails/preview</c> and <c>POST /api/info-mails</c> (where the recipient is required).</summary>
public sealed record InfoMailRequest(
    string CrimeType,
    string Language,
    string? Recipient = null,
    string? Name = null,
    IReadOnlyList<string>? ExtraBlocks = null);
