using Steunpunt.Bench.Chat;
using Steunpunt.Bench.Http;
using Steunpunt.Bench.Mail;
using Steunpunt.Bench.Reminders;
using Steunpunt.Bench.Reporting;
using Steunpunt.Bench.Scoring;
using Steunpunt.LocalHost.Settings;

namespace Steunpunt.Bench;

/// <summary>
/// <c>./steunpunt bench</c>: measures scoring in process, the response endpoint over HTTP and the chat relay end to end
/// (visitor POST → staff SignalR client), mail intake end to end (form POST → receipt in the dev outbox) and, when asked for,
/// the reminder sweep with few versus many stored appointments; prints a Markdown report to stdout and keeps it in bench/results/latest.md.
/// Progress goes to stderr. A missed target is a finding, not a failure (exit 0); a failed request or chat message
/// makes the figures meaningless (exit 1).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            await Console.Out.WriteLineAsync(BenchOptions.Usage);
            return 0;
        }
        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException exception)
        {
            await Console.Error.WriteLineAsync($"steunpunt bench: {exception.Message}{Environment.NewLine}{BenchOptions.Usage}");
            return 2;
        }

        var progress = Console.Error;
        var started = DateTimeOffset.UtcNow;
        var scoring = options.RunScoring ? ScoringBenchmark.Run(progress) : null;
        var http = options.RunHttp ? await HttpBenchmark.RunAsync(options, progress) : null;
        var chat = options.RunChat ? await ChatBenchmark.RunAsync(options, progress) : null;
        var mail = options.RunMail ? await MailBenchmark.RunAsync(options, progress) : null;
        ReminderFigures? reminders = null;
        if (options.RunReminders)
        {
            using var interruption = new Interruption();
            try
            {
                reminders = await ReminderBenchmark.RunAsync(options, progress, interruption.Token);
            }
            catch (Exception exception) when (interruption.Requested)
            {
                // The dedicated Azurites are stopped by now (disposed on the way out); nothing to report.
                await progress.WriteLineAsync($"steunpunt bench: interrupted ({exception.GetType().Name}).");
                return 130;
            }
        }

        var report = MarkdownReport.Render(started, MachineInfo.Current(), options, scoring, http, chat, mail, reminders);
        var path = Path.Combine(RepositoryRoot.Find(), "bench", "results", "latest.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, report);
        await Console.Out.WriteAsync(report);
        await progress.WriteLineAsync($"Report written to {path}.");
        return http is { Errors: > 0 } || chat is { Errors: > 0 } || mail is { Errors: > 0 } || reminders is { Errors: > 0 } ? 1 : 0;
    }
}
