using System.Globalization;

namespace Steunpunt.Bench;

/// <summary>
/// The command line: <c>--seconds N</c>, <c>--concurrency N</c>, <c>--sessions N</c>, <c>--chats-per-staff N</c>,
/// <c>--forms N</c>, <c>--future N</c>, <c>--due N</c>, <c>--rounds N</c>, <c>--only scoring|http|chat|mail|reminders</c>.
/// </summary>
public sealed record BenchOptions(
    int Seconds, int Concurrency, int Sessions, int ChatsPerStaff, bool RunScoring, bool RunHttp, bool RunChat, int Forms = BenchOptions.DefaultForms, bool RunMail = true,
    int Future = BenchOptions.DefaultFuture, int Due = BenchOptions.DefaultDue, int Rounds = BenchOptions.DefaultRounds, bool RunReminders = false)
{
    public const int DefaultSeconds = 10;
    public const int DefaultConcurrency = 16;
    public const int DefaultSessions = 50;
    public const int DefaultChatsPerStaff = 2;
    public const int DefaultForms = 1000;
    public const int DefaultFuture = 1_000_000;
    public const int DefaultDue = 1_000;
    public const int DefaultRounds = 5;

    public const string Usage = """
        Usage: ./steunpunt bench [--seconds N] [--concurrency N] [--sessions N] [--chats-per-staff N] [--forms N] [--only scoring|http|chat|mail]
               ./steunpunt bench --only reminders [--future N] [--due N] [--rounds N]
          --seconds N          measured seconds per target (HTTP; chat: per target and load), in alternating rounds of about 2 s (default 10, 2-600)
          --concurrency N      concurrent HTTP client workers (default 16, 1-256)
          --sessions N         concurrent chat visitor sessions, one claimed chat each (default 50, 1-500)
          --chats-per-staff N  chats each connected staff member has (default 2, 1-50)
          --forms N            mail form posts per target (mail path and floor), after 100 each to warm up (default 1000, 10-10000)
          --only WHAT          run only the scoring, the HTTP, the chat or the mail benchmark, or the reminder sweep
                               (the reminder sweep runs only when asked for: seeding a million appointments takes about half an hour)
          --future N           reminder sweep: stored future appointments in the large configuration (default 1000000, 1000-1000000)
          --due N              reminder sweep: reminders due at the sweep, in both configurations (default 1000, 1-10000)
          --rounds N           reminder sweep: measured sweeps per configuration, alternating (default 5, 1-50)
        """;

    public static BenchOptions Default => new(DefaultSeconds, DefaultConcurrency, DefaultSessions, DefaultChatsPerStaff, RunScoring: true, RunHttp: true, RunChat: true);

    /// <summary>What <c>--only</c> was given, for the report; null for the full run.</summary>
    public string? Only => (RunScoring, RunHttp, RunChat, RunMail, RunReminders) switch
    {
        (true, false, false, false, false) => "scoring",
        (false, true, false, false, false) => "http",
        (false, false, true, false, false) => "chat",
        (false, false, false, true, false) => "mail",
        (false, false, false, false, true) => "reminders",
        _ => null,
    };

    /// <exception cref="ArgumentException">With a message meant for the person who typed the command.</exception>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        var reminderOption = (string?)null;
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
                "--future" => options with { Future = Number(reminderOption = name, Value(), 1_000, 1_000_000) },
                "--due" => options with { Due = Number(reminderOption = name, Value(), 1, 10_000) },
                "--rounds" => options with { Rounds = Number(reminderOption = name, Value(), 1, 50) },
                "--only" => Value() switch
                {
                    "scoring" => options with { RunScoring = true, RunHttp = false, RunChat = false, RunMail = false, RunReminders = false },
                    "http" => options with { RunScoring = false, RunHttp = true, RunChat = false, RunMail = false, RunReminders = false },
                    "chat" => options with { RunScoring = false, RunHttp = false, RunChat = true, RunMail = false, RunReminders = false },
                    "mail" => options with { RunScoring = false, RunHttp = false, RunChat = false, RunMail = true, RunReminders = false },
                    "reminders" => options with { RunScoring = false, RunHttp = false, RunChat = false, RunMail = false, RunReminders = true },
                    var other => throw new ArgumentException($"--only takes 'scoring', 'http', 'chat', 'mail' or 'reminders', not '{other}'."),
                },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }
        // Silently ignoring them would look like a run with those figures.
        if (reminderOption is not null && !options.RunReminders) throw new ArgumentException($"{reminderOption} is for the reminder sweep: add --only reminders.");
        return options;
    }

    private static int Number(string name, string raw, int min, int max)
        => int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} takes a whole number from {min} to {max}, not '{raw}'.");
}
