using System.Globalization;

namespace Steunpunt.Bench;

/// <summary>
/// The command line: <c>--seconds N</c>, <c>--concurrency N</c>, <c>--sessions N</c>, <c>--chats-per-staff N</c>,
/// <c>--forms N</c>, <c>--only scoring|http|chat|mail</c>.
/// </summary>
public sealed record BenchOptions(int Seconds, int Concurrency, int Sessions, int ChatsPerStaff, bool RunScoring, bool RunHttp, bool RunChat, int Forms = BenchOptions.DefaultForms, bool RunMail = true)
{
    public const int DefaultSeconds = 10;
    public const int DefaultConcurrency = 16;
    public const int DefaultSessions = 50;
    public const int DefaultChatsPerStaff = 2;
    public const int DefaultForms = 1000;

    public const string Usage = """
        Usage: ./steunpunt bench [--seconds N] [--concurrency N] [--sessions N] [--chats-per-staff N] [--forms N] [--only scoring|http|chat|mail]
          --seconds N          measured seconds per target (HTTP; chat: per target and load), in alternating rounds of about 2 s (default 10, 2-600)
          --concurrency N      concurrent HTTP client workers (default 16, 1-256)
          --sessions N         concurrent chat visitor sessions, one claimed chat each (default 50, 1-500)
          --chats-per-staff N  chats each connected staff member has (default 2, 1-50)
          --forms N            mail form posts per target (mail path and floor), after 100 each to warm up (default 1000, 10-10000)
          --only WHAT          run only the scoring, the HTTP, the chat or the mail benchmark
        """;

    public static BenchOptions Default => new(DefaultSeconds, DefaultConcurrency, DefaultSessions, DefaultChatsPerStaff, RunScoring: true, RunHttp: true, RunChat: true);

    /// <summary>What <c>--only</c> was given, for the report; null for the full run.</summary>
    public string? Only => (RunScoring, RunHttp, RunChat, RunMail) switch
    {
        (true, false, false, false) => "scoring",
        (false, true, false, false) => "http",
        (false, false, true, false) => "chat",
        (false, false, false, true) => "mail",
        _ => null,
    };

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
                "--sessions" => options with { Sessions = Number(name, Value(), 1, 500) },
                "--chats-per-staff" => options with { ChatsPerStaff = Number(name, Value(), 1, 50) },
                "--forms" => options with { Forms = Number(name, Value(), 10, 10_000) },
                "--only" => Value() switch
                {
                    "scoring" => options with { RunScoring = true, RunHttp = false, RunChat = false, RunMail = false },
                    "http" => options with { RunScoring = false, RunHttp = true, RunChat = false, RunMail = false },
                    "chat" => options with { RunScoring = false, RunHttp = false, RunChat = true, RunMail = false },
                    "mail" => options with { RunScoring = false, RunHttp = false, RunChat = false, RunMail = true },
                    var other => throw new ArgumentException($"--only takes 'scoring', 'http', 'chat' or 'mail', not '{other}'."),
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
