using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Steunpunt.Common.Storage;
using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Azurite;
using Steunpunt.LocalHost.Dev;
using Steunpunt.LocalHost.Emulators;
using Steunpunt.LocalHost.Emulators.CommunicationServices;
using Steunpunt.Common.Json;
using Steunpunt.LocalHost.Settings;

namespace Steunpunt.IntegrationTests;

/// <summary>
/// Real Azurite (started when nothing listens on its ports) and the local host on a free loopback port, with a
/// controllable clock. Each run starts on its own random day far in the future, so tests never see another run's data.
/// </summary>
public class LocalHostFixture : IAsyncLifetime
{
    private AzuriteProcess? azurite;
    private WebApplication? app;

    public LocalHostFixture() : this(new DateTimeOffset(2040, 1, 1, 10, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 20 * 365)))
    {
    }

    /// <summary>A host whose clock starts at <paramref name="start"/>: e.g. a second instance beside a fixture's, on the same day.</summary>
    protected LocalHostFixture(DateTimeOffset start) => Clock = new FakeTimeProvider(start);

    public FakeTimeProvider Clock { get; }
    public HttpClient Client { get; private set; } = null!;
    public StorageAccount Storage { get; private set; } = null!;
    public IServiceProvider Services => app!.Services;

    /// <summary>
    /// Arguments for a local host on its own free loopback port: every setting that points at the default
    /// http://localhost:7071 (the emulators' endpoints) is pointed at that port, and queues retry at once,
    /// poll often and park after three attempts. 127.0.0.1 is a known proxy, as the hop in front of the worker is in
    /// Azure: tests that stand for many visitors send each one's address in <c>X-Forwarded-For</c>.
    /// </summary>
    public static string[] HostArguments()
    {
        var port = FreePort();
        var self = $"http://127.0.0.1:{port}";
        var (_, values) = LocalSettingsFile.Load(RepositoryRoot.Find());
        var pointingAtDefault = values
            .Where(v => v.Value?.Contains(LocalFunctionsHost.DefaultUrl, StringComparison.OrdinalIgnoreCase) == true)
            .Select(v => $"--{v.Key}={v.Value!.Replace(LocalFunctionsHost.DefaultUrl, self, StringComparison.OrdinalIgnoreCase)}");
        return
        [
            $"--LocalHost:Urls={self}",
            "--ClientAddress:KnownProxies:0=127.0.0.1",
            .. pointingAtDefault,
            "--AzureFunctionsJobHost:extensions:queues:visibilityTimeout=00:00:00",
            "--AzureFunctionsJobHost:extensions:queues:maxPollingInterval=00:00:00.200",
            "--AzureFunctionsJobHost:extensions:queues:maxDequeueCount=3",
        ];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>More set-up for a host of a fixture of its own (e.g. a capturing logger).</summary>
    protected virtual void Configure(WebApplicationBuilder builder)
    {
    }

    /// <summary>
    /// An Azurite of this fixture's own (free ports, in memory) instead of the shared one on 10000-10002: for a test
    /// assembly that runs beside this one, whose shared Azurite stops when the assembly that started it ends.
    /// </summary>
    protected virtual bool OwnAzurite => false;

    public virtual async Task InitializeAsync()
    {
        string[] arguments = HostArguments();
        if (OwnAzurite)
        {
            azurite = await AzuriteProcess.StartDedicatedAsync(RepositoryRoot.Find(), TextWriter.Null);
            arguments = [.. arguments, $"--{StorageAccount.Setting}={azurite.DedicatedPorts!.ConnectionString}"];
        }
        else
        {
            azurite = await AzuriteProcess.EnsureRunningAsync(RepositoryRoot.Find(), dataFolder: null, TextWriter.Null);
        }
        app = LocalFunctionsHost.Build(arguments, builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(Clock);
            Configure(builder);
        });
        await app.StartAsync();
        Client = new HttpClient(new VisitorAddresses { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = new Uri(LocalFunctionsHost.Addresses(app)[0]) };
        Storage = app.Services.GetRequiredService<StorageAccount>();
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        if (app is not null) await app.DisposeAsync();
        if (azurite is not null) await azurite.DisposeAsync();
    }

    /// <summary>
    /// Every request of <see cref="Client"/> without an <c>X-Forwarded-For</c> comes from a visitor of its own (a random
    /// documentation address, through the known proxy 127.0.0.1), as the limits count per client address; a test about one
    /// client sends the header itself.
    /// </summary>
    private sealed class VisitorAddresses : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Headers.Contains("X-Forwarded-For")) request.Headers.Add("X-Forwarded-For", $"2001:db8::{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}");
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A Dutch mobile number no other test uses (06 1…: 06 7… and 06 9… are no valid numbers), as a visitor types it.</summary>
    public static string NewMobile() => "06 1" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Moves the clock to a day no other test has written on.</summary>
    public DateOnly FreshDay()
    {
        Clock.Advance(TimeSpan.FromDays(3));
        return DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
    }

    public async Task<string> StaffTokenAsync(params string[] roles)
    {
        var response = await Client.PostAsJsonAsync("/dev/staff-tokens", new { name = "Test medewerker", roles });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<DevStaffToken>())!.AccessToken;
    }

    public HttpRequestMessage StaffRequest(HttpMethod method, string url, string token)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public async Task<List<TableEntity>> RowsAsync(string table, string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Storage.Tables.GetTableClient(table).QueryAsync<TableEntity>(e => e.PartitionKey == partition)) rows.Add(row);
        return rows;
    }

    /// <summary>What the Communication Services emulator accepted for this recipient, from the dev outbox.</summary>
    public async Task<List<OutboxItem>> OutboxAsync(string channel, string to)
        => (await Client.GetFromJsonAsync<List<OutboxItem>>($"/dev/outbox/messages?channel={channel}&to={Uri.EscapeDataString(to)}", JsonDefaults.Web))!;

    /// <summary>Makes an emulator misbehave (see <see cref="FaultRule"/>); faults aimed at one recipient keep tests apart.</summary>
    public async Task InjectAsync(FaultRule rule)
        => (await Client.PostAsJsonAsync("/dev/faults", rule, JsonDefaults.Web)).EnsureSuccessStatusCode();

    /// <summary>
    /// Waits until the queue holds no message. A message is deleted only once its function finished (or it was parked), and
    /// Azurite counts messages in flight too, so everything queued before this call has been handled when it returns.
    /// </summary>
    public Task DrainedAsync(string queue, int seconds = 30)
        => EventuallyAsync(async () => (await Storage.Queues.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0 ? "" : null,
            $"the {queue} queue to be drained", seconds);

    /// <summary>Waits for something a queue function does in the background; fails the test after the timeout.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {seconds} s for {what}.");
            await Task.Delay(100);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LocalHostCollection : ICollectionFixture<LocalHostFixture>
{
    public const string Name = "local host";
}
