using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Steunpunt.Common.Json;

namespace Steunpunt.Common.Http;

/// <summary>Either a parsed request body or the problem answer that says what is wrong with it.</summary>
public readonly record struct BodyResult<T>(T? Value, ProblemResult? Problem)
{
    public bool IsValid => Problem is null;
}

/// <summary>
/// Reads a JSON request body with the checks every endpoint needs: content type, a size cap that holds
/// even without Content-Length, well-formed JSON, no unknown or missing members.
/// </summary>
public static class JsonBody
{
    public const int DefaultMaxBytes = BodyLimits.Message;

    /// <summary>
    /// For endpoints whose body is optional: no body at all gives <paramref name="empty"/>. "No body" is decided by the
    /// server (no Content-Length and not chunked, or Content-Length 0), not by a missing Content-Length alone: clients
    /// that stream JSON send it chunked.
    /// </summary>
    public static Task<BodyResult<T>> ReadOptionalAsync<T>(HttpRequest request, Func<T> empty, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
        where T : class
    {
        var canHaveBody = request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody
            ?? request.ContentLength is > 0;
        return !canHaveBody || request.ContentLength == 0
            ? Task.FromResult(new BodyResult<T>(empty(), null))
            : ReadAsync<T>(request, maxBytes, cancellationToken);
    }

    public static async Task<BodyResult<T>> ReadAsync<T>(HttpRequest request, int maxBytes = DefaultMaxBytes, CancellationToken cancellationToken = default)
        where T : class
    {
        if (!IsJson(request.ContentType))
        {
            return new(null, Common.Http.Problem.UnsupportedMediaType(
                $"Stuur de body als application/json (ontvangen: {(string.IsNullOrEmpty(request.ContentType) ? "geen Content-Type" : request.ContentType)})."));
        }
        if (request.ContentLength > maxBytes) return new(null, Common.Http.Problem.PayloadTooLarge(maxBytes));

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 64 * 1024));
        try
        {
            var length = 0;
            var bytes = buffer;
            while (true)
            {
                if (length == bytes.Length)
                {
                    if (length > maxBytes) return new(null, Common.Http.Problem.PayloadTooLarge(maxBytes));
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(bytes.Length * 2, maxBytes + 1));
                    bytes.AsSpan(0, length).CopyTo(larger);
                    if (!ReferenceEquals(bytes, buffer)) ArrayPool<byte>.Shared.Return(bytes);
                    bytes = larger;
                }
                var read = await request.Body.ReadAsync(bytes.AsMemory(length, Math.Min(bytes.Length, maxBytes + 1) - length), cancellationToken);
                if (read == 0) break;
                length += read;
                if (length > maxBytes) return new(null, Common.Http.Problem.PayloadTooLarge(maxBytes));
            }
            try
            {
                return Parse<T>(bytes.AsSpan(0, length));
            }
            finally
            {
                if (!ReferenceEquals(bytes, buffer)) ArrayPool<byte>.Shared.Return(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static BodyResult<T> Parse<T>(ReadOnlySpan<byte> utf8) where T : class
    {
        if (utf8.IsEmpty) return new(null, Common.Http.Problem.MalformedJson("De body is leeg; er wordt een JSON-object verwacht."));
        try
        {
            var value = JsonSerializer.Deserialize<T>(utf8, JsonDefaults.StrictInput);
            return value is null
                ? new(null, Common.Http.Problem.MalformedJson("De body is null; er wordt een JSON-object verwacht."))
                : new(value, null);
        }
        catch (JsonException exception)
        {
            return new(null, Describe(exception));
        }
    }

    private static ProblemResult Describe(JsonException exception)
    {
        // System.Text.Json names the member (missing, unknown or of the wrong type) in its message and the
        // position in Path; both are about the visitor's input, never about our internals.
        var path = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
        var message = exception.Message;
        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            var names = message[(message.IndexOf(':') + 1)..].Split('.')[0].Trim();
            return Common.Http.Problem.Validation($"Verplichte velden ontbreken: {names}.",
                new Dictionary<string, string[]> { [path] = [$"Verplichte velden ontbreken: {names}."] });
        }
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var start = message.IndexOf('\'');
            var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
            var member = start >= 0 && end > start ? message[(start + 1)..end] : path;
            return Common.Http.Problem.Validation($"Onbekend veld '{member}'.",
                new Dictionary<string, string[]> { [member] = [$"Onbekend veld '{member}'."] });
        }
        if (message.Contains("doesn't allow null values", StringComparison.Ordinal) || message.Contains("does not allow null values", StringComparison.Ordinal))
        {
            return Common.Http.Problem.Validation($"Het veld '{path}' mag niet null zijn.",
                new Dictionary<string, string[]> { [path] = ["Mag niet null zijn."] });
        }
        if (message.Contains("could not be converted", StringComparison.Ordinal))
        {
            // A number sent as a string ("4") lands here too: the schema says integer, so say which field.
            var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            return Common.Http.Problem.Validation($"Het veld '{field}' heeft een ongeldig type of ongeldige waarde (een getal wordt zonder aanhalingstekens geschreven).",
                new Dictionary<string, string[]> { [field] = ["Ongeldig type of ongeldige waarde."] });
        }
        return Common.Http.Problem.MalformedJson(
            $"Ongeldige JSON bij {path} (regel {exception.LineNumber + 1}, positie {exception.BytePositionInLine + 1}).");
    }

    private static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var parsed)) return false;
        var mediaType = parsed.MediaType.Value ?? "";
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
