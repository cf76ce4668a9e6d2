using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Steunpunt.Common.Storage;
using Steunpunt.Connectors.SignalR;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Settings;
using Steunpunt.LocalHost.Triggers;

namespace Steunpunt.Bench.Chat;

/// <summary>
/// The local host as <c>./steunpunt run</c> builds it, on a free loopback port, with the settings a chat load test needs:
/// <list type="bullet">
/// <item>every setting that points at the default <c>http://localhost:7071</c> (the emulators' endpoints) points at this
/// host's own port, as the integration tests' fixture does; storage is pinned to Azurite and the SignalR connection
/// string to this host's emulator (with a key made for the run), so a developer's local.settings.json that names
/// real Azure resources is never used;</item>
/// <item>the chat open around the clock on every day, at most 600 messages a minute per chat and party (the highest the
/// settings allow) and 1,000 chat starts an hour per address (all bench visitors come from 127.0.0.1);</item>
/// <item>no queue listeners and no timers: the Azurite is usually shared, and a listener here would take other runs'
/// staff notifications off the queue (their tests would wait for them in vain), while the minute's chat sweep would
/// read every open chat in the shared index in the middle of the measurement. Nothing the measured path does goes
/// through a queue (a message in a claimed chat is pushed directly). For the same reason the benchmark takes its chats
/// off the shared index of open chats once claimed (see <see cref="ChatBenchmark"/>);</item>
/// <item>the SignalR emulator's one-line-per-push log quieted (it is a stand-in for the Azure service, not app code,
/// and would bury the progress lines); the app's own logging is unchanged, on stderr.</item>
/// </list>
/// The clock is the real one.
/// </summary>
public static class ChatHost
{
    public static readonly IReadOnlyList<string> Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    public const int MessagesPerMinute = 600;
    public const int StartsPerHour = 1000;

    public static WebApplication Build(string root)
    {
        string[] args =
        [
            .. BenchHost.Arguments(root),
            .. Days.Select(day => $"--Chat:OpeningHours:{day}=00:00-24:00"),
            $"--Chat:MessagesPerMinute={MessagesPerMinute}",
            $"--Chat:StartsPerHourPerAddress={StartsPerHour}",
        ];
        return LocalFunctionsHost.Build(args, builder =>
        {
            // stdout is for the report.
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.AddFilter("Steunpunt.LocalHost.Emulators", LogLevel.Warning);
            BenchHost.WithoutBackgroundTriggers(builder.Services);
        });
    }
}
