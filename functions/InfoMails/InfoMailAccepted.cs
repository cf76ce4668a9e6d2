namespace Steunpunt.InfoMails;

/// <summary>The answer to a send: the mail is queued under this id (the reference in its satisfaction link).</summary>
public sealed record InfoMailAccepted(Guid Id, string Status, string CrimeType, string Language, IReadOnlyList<string> Blocks);
