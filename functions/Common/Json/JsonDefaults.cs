using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Steunpunt.Common.Json;

/// <summary>One set of JSON rules for HTTP bodies, queue messages and stored JSON, so a contract reads the same everywhere.</summary>
public static class JsonDefaults
{
    /// <summary>For what we write: camelCase, enums as camelCase strings, nulls left out.</summary>
    public static readonly JsonSerializerOptions Web = Create(strict: false);

    /// <summary>For what visitors send: unknown members are an error, so a typo in a field name is reported instead of ignored.</summary>
    public static readonly JsonSerializerOptions StrictInput = Create(strict: true);

    private static JsonSerializerOptions Create(bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
            AllowTrailingCommas = false,
            // Dutch text (é, ë, ') stays readable; responses are JSON, never inlined into HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            ReadCommentHandling = JsonCommentHandling.Disallow,
            // A missing non-nullable member, or null where a value is required, is the sender's error to hear about.
            RespectRequiredConstructorParameters = strict,
            RespectNullableAnnotations = strict,
            // The Web defaults read "4" as the integer 4; the contract says integer, so a string there is refused.
            NumberHandling = strict ? JsonNumberHandling.Strict : JsonNumberHandling.AllowReadingFromString,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
