using System.Text.Json;
using Azure;

namespace Steunpunt.Connectors.SignalR;

/// <summary>
/// The service refused a call. Carries the status and the service's error code only: an error body may quote a
/// user id or a message, so it never goes into the exception message (which ends up in logs).
/// </summary>
public sealed class SignalRRequestFailedException(int status, string? errorCode, string operation, string? detail = null)
    : RequestFailedException(status, $"Azure SignalR Service answered {status}{(errorCode is null ? "" : $" ({errorCode})")} to '{operation}'.{(detail is null ? "" : " " + detail)}", errorCode, null)
{
    public string Operation { get; } = operation;

    public static SignalRRequestFailedException From(Response response, string operation)
        => new(response.Status, ReadErrorCode(response), operation);

    /// <summary>The error code from <c>x-ms-error-code</c>, else the body's <c>code</c> (2022-06-01 <c>ErrorDetail</c>).</summary>
    private static string? ReadErrorCode(Response response)
    {
        if (response.Headers.TryGetValue("x-ms-error-code", out var header) && !string.IsNullOrEmpty(header)) return header;
        try
        {
            var body = response.Content?.ToMemory() ?? ReadOnlyMemory<byte>.Empty;
            if (body.IsEmpty) return null;
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
