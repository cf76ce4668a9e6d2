using System.Globalization;
using System.Text;

namespace Steunpunt.InfraTests.Bicep;

/// <summary>
/// Evaluates what a Bicep snapshot leaves unevaluated: ARM template expressions over values that exist only once the
/// resources do (<c>reference(id).hostName</c>). Those get plausible placeholders, so the app's settings can be bound
/// and validated as they would be in Azure. Anything it does not know is an error, never a silent guess.
/// </summary>
public static class ArmExpression
{
    public static bool IsExpression(string value) => value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal) && value.EndsWith(']');

    public static string EvaluateToString(string value)
    {
        if (!IsExpression(value)) return value.StartsWith("[[", StringComparison.Ordinal) ? value[1..] : value;
        var parser = new Parser(value[1..^1]);
        var result = parser.ParseExpression();
        parser.ExpectEnd();
        return Display(result);
    }

    private static string Display(object? value) => value switch
    {
        string text => text,
        long number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "True" : "False",
        _ => throw new NotSupportedException($"Expected a string-like value, got {value?.GetType().Name ?? "null"}."),
    };

    /// <summary>A resource that does not exist yet: its runtime properties get placeholder values.</summary>
    private sealed record RuntimeResource(string Id)
    {
        private string Name => Id.TrimEnd('/').Split('/')[^1];

        public object Property(string property) => property.ToLowerInvariant() switch
        {
            "clientid" => "0b6f2a4c-8d1e-4f7a-9c3b-5e2d8a1f6c44",
            "principalid" => "7d3c9e1a-2b5f-4a8d-b6e0-4f1c7a9d3e55",
            "hostname" or "defaulthostname" => $"{Name}.placeholder.test",
            "mailfromsenderdomain" => "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c66.azurecomm.net",
            "connectionstring" => "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-1.in.applicationinsights.azure.com/",
            "primaryendpoints" => new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
            {
                ["blob"] = $"https://{Name}.blob.core.windows.net/",
                ["queue"] = $"https://{Name}.queue.core.windows.net/",
                ["table"] = $"https://{Name}.table.core.windows.net/",
            },
            _ => throw new NotSupportedException($"No placeholder for the runtime property '{property}' of {Id}: add one in {nameof(ArmExpression)}."),
        };
    }

    private static readonly Dictionary<string, object?> AzureCloud = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "AzureCloud",
        ["authentication"] = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["loginEndpoint"] = "https://login.microsoftonline.com/" },
        ["suffixes"] = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["storage"] = "core.windows.net" },
    };

    private sealed class Parser(string text)
    {
        private int position;

        public object? ParseExpression()
        {
            var value = ParsePrimary();
            while (true)
            {
                SkipSpaces();
                if (TryTake('.'))
                {
                    value = Member(value, ParseIdentifier());
                }
                else if (TryTake('['))
                {
                    var index = ParseExpression();
                    Expect(']');
                    value = Member(value, Display(index));
                }
                else
                {
                    return value;
                }
            }
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (position != text.Length) throw Error("end of expression");
        }

        private object? ParsePrimary()
        {
            SkipSpaces();
            if (position >= text.Length) throw Error("a value");
            var next = text[position];
            if (next == '\'') return ParseString();
            if (char.IsDigit(next) || next == '-') return ParseNumber();
            var name = ParseIdentifier();
            SkipSpaces();
            if (!TryTake('('))
            {
                return name switch
                {
                    "true" => true,
                    "false" => false,
                    "null" => null,
                    _ => throw Error($"'(' after '{name}'"),
                };
            }
            var arguments = new List<object?>();
            SkipSpaces();
            if (!TryTake(')'))
            {
                do arguments.Add(ParseExpression()); while (TryTakeAfterSpaces(','));
                Expect(')');
            }
            return Call(name, arguments);
        }

        private static object? Call(string name, List<object?> arguments) => name.ToLowerInvariant() switch
        {
            "format" => string.Format(CultureInfo.InvariantCulture, Display(arguments[0]), arguments.Skip(1).Select(Display).ToArray<object>()),
            "concat" => string.Concat(arguments.Select(Display)),
            "string" => Display(arguments[0]),
            "tolower" => Display(arguments[0]).ToLowerInvariant(),
            "toupper" => Display(arguments[0]).ToUpperInvariant(),
            "reference" => new RuntimeResource(Display(arguments[0])),
            "environment" => AzureCloud,
            _ => throw new NotSupportedException($"The ARM function '{name}' has no placeholder evaluation: add it in {nameof(ArmExpression)}."),
        };

        private static object? Member(object? target, string member) => target switch
        {
            RuntimeResource resource => resource.Property(member),
            IReadOnlyDictionary<string, object?> values when values.TryGetValue(member, out var value) => value,
            _ => throw new NotSupportedException($"Cannot read '{member}' of {target ?? "null"}."),
        };

        private string ParseString()
        {
            Expect('\'');
            var value = new StringBuilder();
            while (true)
            {
                if (position >= text.Length) throw Error("closing quote");
                var c = text[position++];
                if (c != '\'') { value.Append(c); continue; }
                if (position < text.Length && text[position] == '\'') { value.Append('\''); position++; continue; }
                return value.ToString();
            }
        }

        private long ParseNumber()
        {
            var start = position;
            if (text[position] == '-') position++;
            while (position < text.Length && char.IsDigit(text[position])) position++;
            return long.Parse(text[start..position], CultureInfo.InvariantCulture);
        }

        private string ParseIdentifier()
        {
            SkipSpaces();
            var start = position;
            while (position < text.Length && (char.IsLetterOrDigit(text[position]) || text[position] is '_' or '$')) position++;
            return position > start ? text[start..position] : throw Error("a name");
        }

        private void SkipSpaces()
        {
            while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
        }

        private bool TryTake(char c)
        {
            if (position < text.Length && text[position] == c) { position++; return true; }
            return false;
        }

        private bool TryTakeAfterSpaces(char c)
        {
            SkipSpaces();
            return TryTake(c);
        }

        private void Expect(char c)
        {
            SkipSpaces();
            if (!TryTake(c)) throw Error($"'{c}'");
        }

        private FormatException Error(string expected) => new($"Expected {expected} at {position} in ARM expression [{text}].");
    }
}
