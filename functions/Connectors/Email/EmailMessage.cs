using Azure;

namespace Steunpunt.Connectors.Email;

public sealed record EmailAddress(string Address, string? DisplayName = null);

/// <summary>One mail: a plain-text body always (the alternative every client can show), HTML optionally.</summary>
public sealed record EmailMessage(IReadOnlyList<EmailAddress> To, string Subject, string PlainText, string? Html = null)
{
    public IReadOnlyList<EmailAddress> ReplyTo { get; init; } = [];

    /// <summary>Custom headers, for correlation ids; never personal data.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}

public enum EmailSendStatus
{
    NotStarted,
    Running,
    Succeeded,
    Failed,
    Canceled,
}

/// <param name="Status"><see cref="EmailSendStatus.Running"/> when the service had not finished within the wait we allow.</param>
public sealed record EmailSendResult(string OperationId, EmailSendStatus Status, string? ErrorCode = null)
{
    public bool IsTerminal => Status is EmailSendStatus.Succeeded or EmailSendStatus.Failed or EmailSendStatus.Canceled;
}

/// <summary>Sends mail; the Communication Services REST client implements it, an SDK-backed one could replace it.</summary>
public interface IEmailSender
{
    /// <summary>
    /// Sends once per <paramref name="key"/>: the same key gives the same operation id, so a retry or a redelivered
    /// queue message is not a second mail. Throws <see cref="CommunicationServices.CommunicationServiceException"/> when the service refuses.
    /// </summary>
    /// <param name="wait">
    /// As the SDK's <c>EmailClient.SendAsync(WaitUntil, …)</c>: <see cref="WaitUntil.Completed"/> follows the operation to
    /// its final status (at most <c>Email:MaxStatusWaitSeconds</c>), for a caller that records the outcome;
    /// <see cref="WaitUntil.Started"/> returns as soon as the service has accepted the operation (its 202), with the status
    /// that answer gave (usually <see cref="EmailSendStatus.Running"/>), for a caller that does nothing with the outcome.
    /// Either way the mail is the service's to deliver once accepted, and a repeat with the same key is the same operation.
    /// </param>
    Task<EmailSendResult> SendAsync(EmailMessage message, IdempotencyKey key, WaitUntil wait, CancellationToken cancellationToken);
}
