using System.Text.Json;
using Azure;

namespace Steunpunt.Connectors.CommunicationServices;

internal static class CommunicationServicesResponses
{
    public static TimeSpan? RetryAfter(Response response)
    {
        if (response.Headers.TryGetValue("retry-after-ms", out var ms) && int.TryParse(ms, out var milliseconds)) return TimeSpan.FromMilliseconds(milliseconds);
        if (!response.Headers.TryGetValue("Retry-After", out var value)) return null;
        if (int.TryParse(value, out var seconds)) return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(value, out var at) ? at - DateTimeOffset.UtcNow : null;
    }

    /// <summary>The common Azure error body <c>{"error": {"code", "message"}}</c>, or just the status.</summary>
    public static CommunicationServiceException Failure(Response response)
    {
        string? code = response.Headers.TryGetValue("x-ms-error-code", out var header) ? header : null;
        string? message = null;
        try
        {
            if (response.Content.ToMemory().Length > 0)
            {
                using var document = JsonDocument.Parse(response.Content.ToMemory());
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                {
                    if (error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String) code = c.GetString();
                    if (error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) message = m.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not every failure has a JSON body (a proxy's 502, say): the status is still the answer.
        }
        return new CommunicationServiceException(response.Status, code, message, RetryAfter(response));
    }
}
