using System.Globalization;

namespace Steunpunt.Bench;

/// <summary>The command line: <c>--seconds N</c>, <c>--concurrency N</c>, <c>--only scoring|http</c>.</summary>
public sealed record BenchOptions(int Seconds, int Concurrency, bool RunScoring, bool RunHttp)
{
    public const int DefaultSeconds = 10;
    public const int DefaultConcurrency = 16;

    public const string Usage = """
        Usage: ./steunpunt bench [--seconds N] [--concurrency N] [--only scoring|http]
          --seconds N       measured seconds per HTTP target, in alternating rounds of about 2 s (default 10, 2-600)
          --concurrency N   concurrent HTTP client workers (default 16, 1-256)
          --only WHAT       run only the scoring benchmark or only the HTTP benchmark
        """;

    public static BenchOptions Default => new(DefaultSeconds, DefaultConcurrency, RunScoring: true, RunHttp: true);

    /// <exception cref="ArgumentException">With a message meant for the person who typed the command.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--seconds" => options with { Seconds = Number(name, Value(), 2, 600) },
                "--concurrency" => options with { Concurrency = Number(name, Value(), 1, 256) },
                "--only" => Value() switch
                {
                    "scoring" => options with { RunScoring = true, RunHttp = false },
                    "http" => options with { RunScoring = false, RunHttp = true },
                    var other => throw new ArgumentException($"--only takes 'scoring' or 'http', not '{other}'."),
                },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }
        return options;
    }

    private static int Number(string name, string raw, int min, int max)
        => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} takes a whole number from {min} to {max}, not '{raw}'.");
}
