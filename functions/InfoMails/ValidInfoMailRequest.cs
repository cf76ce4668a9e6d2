using Steunpunt.InfoMails.Composing;

namespace Steunpunt.InfoMails;

/// <summary>A request that passed every check: the draft to compose and, for a send, the bare recipient address.</summary>
public sealed record ValidInfoMailRequest(InfoMailDraft Draft, string? Recipient);
