namespace Steunpunt.InfoMails;

/// <summary>The body of <c>POST /api/info-mails/{id}/satisfaction</c>.</summary>
public sealed record InfoMailSatisfactionRequest(int Score, string? Comment = null);
