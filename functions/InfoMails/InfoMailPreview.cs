namespace Steunpunt.InfoMails;

/// <summary>What staff see before sending: exactly what the recipient gets, with the satisfaction link for a sample reference.</summary>
public sealed record InfoMailPreview(string Subject, string Html, string Text, IReadOnlyList<string> Blocks);
