using Microsoft.AspNetCore.Http;

namespace Steunpunt.Common.Http;

/// <summary>An RFC 7807 problem-details answer. Texts are Dutch first: widgets may show <c>detail</c> to a visitor.</summary>
public sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string Detail,
    string? Instance = null,
    IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>Members particular to one kind of problem (RFC 7807 extension members), written next to the standard ones.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public IDictionary<string, object?>? Extensions { get; init; }
}

public static class Problem
{
    public const string ContentType = "application/problem+json";

    public static ProblemResult Validation(string detail, IReadOnlyDictionary<string, string[]> errors)
        => Create(StatusCodes.Status400BadRequest, "validation", "De aanvraag bevat ongeldige gegevens.", detail, errors);

    public static ProblemResult Validation(string field, string message)
        => Validation(message, new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemResult MalformedJson(string detail)
        => Create(StatusCodes.Status400BadRequest, "malformed-json", "De aanvraag is geen geldige JSON.", detail);

    public static ProblemResult BadRequest(string detail)
        => Create(StatusCodes.Status400BadRequest, "bad-request", "De aanvraag is ongeldig.", detail);

    public static ProblemResult NotFound(string detail)
        => Create(StatusCodes.Status404NotFound, "not-found", "Niet gevonden.", detail);

    public static ProblemResult UnsupportedMediaType(string detail)
        => Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Dit inhoudstype wordt niet ondersteund.", detail);

    public static ProblemResult PayloadTooLarge(long maxBytes)
        => Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "De aanvraag is te groot.",
            $"De body mag hoogstens {maxBytes} bytes zijn.");

    public static ProblemResult Unauthorized(string detail)
        // RFC 6750: say which scheme is expected, and why the token was refused when there was one.
        => new(Body(StatusCodes.Status401Unauthorized, "unauthorized", "Niet aangemeld.", detail), new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" });

    public static ProblemResult Forbidden(string detail)
        => Create(StatusCodes.Status403Forbidden, "forbidden", "Geen toegang.", detail);

    public static ProblemResult ServiceUnavailable(string detail)
        => Create(StatusCodes.Status503ServiceUnavailable, "service-unavailable", "De dienst is tijdelijk niet beschikbaar.", detail);

    public static ProblemResult Conflict(string slug, string title, string detail, IDictionary<string, object?>? extensions = null)
        => new(Body(StatusCodes.Status409Conflict, slug, title, detail) with { Extensions = extensions });

    public static ProblemResult TooManyRequests(string detail, TimeSpan retryAfter)
        => new(Body(StatusCodes.Status429TooManyRequests, "rate-limited", "Te veel verzoeken.", detail), RetryAfter(retryAfter));

    /// <param name="correlationId">Also in the log line of the failure, so a visitor's report can be matched to it.</param>
    public static ProblemResult InternalError(string correlationId)
        => new(Body(StatusCodes.Status500InternalServerError, "internal-error", "Er ging iets mis aan onze kant.",
            "Probeer het later opnieuw. Bij spoed: bel 112; voor hulp na een misdrijf kunt u ons ook bellen.") with
        {
            Extensions = new Dictionary<string, object?> { ["correlationId"] = correlationId },
        });

    /// <summary>Storage (or another service we depend on) did not answer in time: worth trying again shortly.</summary>
    public static ProblemResult StorageUnavailable(string correlationId, TimeSpan retryAfter)
        => new(Body(StatusCodes.Status503ServiceUnavailable, "storage-unavailable", "De dienst is tijdelijk niet beschikbaar.",
            $"Uw aanvraag kon nu niet worden verwerkt. Probeer het over {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} seconden opnieuw. " +
            "Bij spoed: bel 112; voor hulp na een misdrijf kunt u ons ook bellen.") with
        {
            Extensions = new Dictionary<string, object?> { ["correlationId"] = correlationId },
        }, RetryAfter(retryAfter));

    private static Dictionary<string, string> RetryAfter(TimeSpan wait)
        => new() { ["Retry-After"] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) };

    /// <summary>Visitors' input quoted in an error text, kept short so an error cannot echo a whole body.</summary>
    public static string Echo(string value) => value.Length <= 40 ? value : value[..40] + "…";

    public static ProblemResult Create(int status, string slug, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        => new(Body(status, slug, title, detail, errors));

    public static ProblemBody Body(int status, string slug, string title, string detail, IReadOnlyDictionary<string, string[]>? errors = null)
        => new($"urn:steunpunt:problem:{slug}", title, status, detail, null, errors);
}
