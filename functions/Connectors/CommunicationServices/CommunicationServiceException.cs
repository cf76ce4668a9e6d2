namespace Steunpunt.Connectors.CommunicationServices;

/// <summary>
/// A Communication Services request the service refused or failed. <see cref="Exception.Message"/> holds only the
/// status and error code, so it is safe to log; the service's own text (which may quote an address or number)
/// is kept apart in <see cref="ServiceMessage"/>.
/// </summary>
public sealed class CommunicationServiceException(int status, string? errorCode, string? serviceMessage, TimeSpan? retryAfter)
    : Exception($"Communication Services answered {status}{(errorCode is null ? "" : $" ({errorCode})")}.")
{
    public int Status { get; } = status;
    public string? ErrorCode { get; } = errorCode;
    public string? ServiceMessage { get; } = serviceMessage;

    /// <summary>How long the service asked us to wait (429/503), if it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsThrottled => Status == 429;
    public bool IsAuthenticationFailure => Status is 401 or 403;
}
