using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Steunpunt.LocalHost.Settings;

/// <summary>
/// The parts of host.json the local host honours, with the Functions host's defaults, and overridable the same
/// way as in Azure: an app setting <c>AzureFunctionsJobHost__extensions__queues__batchSize</c> wins over the file.
/// </summary>
public sealed record HostJsonSettings(
    string RoutePrefix,
    int QueueBatchSize,
    int QueueNewBatchThreshold,
    TimeSpan QueueMaxPollingInterval,
    TimeSpan QueueVisibilityTimeout,
    int QueueMaxDequeueCount,
    bool QueueBase64)
{
    public const string OverrideSection = "AzureFunctionsJobHost";

    public static HostJsonSettings Load(string hostJsonPath, IConfiguration appSettings)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(hostJsonPath, optional: false)
            .AddInMemoryCollection(appSettings.GetSection(OverrideSection).AsEnumerable(makePathsRelative: true).Where(p => p.Value is not null))
            .Build();

        var version = configuration["version"];
        if (version != "2.0") throw new InvalidOperationException($"{hostJsonPath}: 'version' must be \"2.0\" (found '{version}').");

        var queues = configuration.GetSection("extensions:queues");
        var batchSize = Int(queues, "batchSize", 16, 1, 32);
        var encoding = queues["messageEncoding"] ?? "base64";
        if (encoding is not ("base64" or "none")) throw new InvalidOperationException($"host.json extensions.queues.messageEncoding must be base64 or none, not '{encoding}'.");
        return new HostJsonSettings(
            RoutePrefix: (configuration["extensions:http:routePrefix"] ?? "api").Trim('/'),
            QueueBatchSize: batchSize,
            QueueNewBatchThreshold: Int(queues, "newBatchThreshold", batchSize / 2, 0, 1000),
            QueueMaxPollingInterval: Time(queues, "maxPollingInterval", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(100)),
            QueueVisibilityTimeout: Time(queues, "visibilityTimeout", TimeSpan.Zero, TimeSpan.Zero),
            QueueMaxDequeueCount: Int(queues, "maxDequeueCount", 5, 1, 1000),
            QueueBase64: encoding == "base64");
    }

    private static int Int(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var raw = section[key];
        if (raw is null) return fallback;
        return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"host.json extensions.queues.{key} must be a whole number from {min} to {max} (found '{raw}').");
    }

    private static TimeSpan Time(IConfigurationSection section, string key, TimeSpan fallback, TimeSpan min)
    {
        var raw = section[key];
        if (raw is null) return fallback;
        return TimeSpan.TryParse(raw, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new InvalidOperationException($"host.json extensions.queues.{key} must be a time span like 00:00:02 of at least {min} (found '{raw}').");
    }
}
