using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Json;
using Steunpunt.Chat;
using Steunpunt.IntegrationTests.Connectors.SignalR;
using Steunpunt.IntegrationTests.Chat;
using Steunpunt.LocalHost.Emulators.CommunicationServices;

namespace Steunpunt.IntegrationTests.Privacy;

/// <summary>Every log line of a host of its own, at every level: message, structured values, scopes and exception text.</summary>
public sealed class CapturingLocalHostFixture : LocalHostFixture
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFilter(_ => true);
        builder.Logging.AddProvider(Logs);
    }
}

public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)}");
            Append(line, state);
            provider.scopes.ForEachScope((scope, builder) => Append(builder, scope), line);
            if (exception is not null) line.Append(" | ").Append(exception);
            provider.lines.Enqueue(line.ToString());
        }

        private static void Append(StringBuilder line, object? values)
        {
            if (values is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs) line.Append(" | ").Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
            else if (values is not null)
            {
                line.Append(" | ").Append(values);
            }
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CapturingLocalHostCollection : ICollectionFixture<CapturingLocalHostFixture>
{
    public const string Name = "local host with a capturing logger";
}

/// <summary>
/// The integration flows once through a host whose logger keeps every line; no e-mail address, phone number (in
/// any format sent), message text, question, name or token that the test sent may appear in any of them.
/// </summary>
[Collection(CapturingLocalHostCollection.Name)]
public class LogPrivacyTests(CapturingLocalHostFixture fixture)
{
    private readonly List<string> sent = [];

    private T Sent<T>(T value) where T : notnull
    {
        sent.Add(value.ToString()!);
        return value;
    }

    [Fact]
    public async Task No_personal_value_or_token_the_flows_sent_appears_in_any_log_line()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        ChatTestKit.MoveToOpeningHours(fixture.Clock);
        var staff = await SignalRTestKit.StaffAsync(fixture, Sent($"Femke Jansen{marker}"));
        Sent(staff.AccessToken);
        await using var console = await ChatTestKit.ConnectStaffAsync(fixture, staff);

        // Chat: start, negotiate (SignalR access token), messages both ways.
        var visitor = await ChatTestKit.StartAsync(fixture, "sexual-offence");
        Sent(visitor.Token);
        using var negotiate = await fixture.Client.SendAsync(ChatTestKit.VisitorRequest(HttpMethod.Post, $"/api/chats/{visitor.ChatId}/negotiate?negotiateVersion=1", visitor));
        negotiate.EnsureSuccessStatusCode();
        Sent(JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!);
        await using var widget = await ChatTestKit.ConnectVisitorAsync(fixture, visitor);
        Assert.Equal(HttpStatusCode.OK, (await ChatTestKit.StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/chats/{visitor.ChatId}/claim")).StatusCode);
        (await ChatTestKit.SayAsync(fixture, visitor, Sent($"Mijn ex volgt mij overal {marker}"))).EnsureSuccessStatusCode();
        (await ChatTestKit.StaffSayAsync(fixture, staff.AccessToken, visitor.ChatId, Sent($"Wat naar, vertel {marker}"))).EnsureSuccessStatusCode();
        await widget.WaitForAsync(ChatEvents.Message, e => e.ToString().Contains($"vertel {marker}"), "the staff message");

        // Mail form: receipt, staff reply.
        var address = Sent($"anna.devries.{marker}@example.org");
        using var form = new HttpRequestMessage(HttpMethod.Post, "/api/mail-intake")
        {
            Content = JsonContent.Create(new { replyAddress = address, question = Sent($"Iemand bedreigt mij {marker}"), consentToStore = true, name = Sent($"Anna de Vries{marker}"), crimeType = "violence" }),
        };
        form.Headers.Add("X-Forwarded-For", "198.51.100.23");
        var submitted = await fixture.Client.SendAsync(form);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var reference = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("reference").GetString()!;
        var received = await console.WaitForAsync("notification", e => e.GetProperty("kind").GetString() == "mail-received"
            && e.GetProperty("details").GetProperty("reference").GetString() == reference, "the mail-received notification");
        var caseId = received.GetProperty("reference").GetString()!;
        await MailAsync(address, m => m.Subject!.Contains(reference), "the receipt");
        Assert.Equal(HttpStatusCode.OK, (await ChatTestKit.StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/mail/{caseId}/claim")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ChatTestKit.StaffPostAsync(fixture, staff.AccessToken, $"/api/staff/mail/{caseId}/replies",
            new { html = $"<p>Beste Anna, u kunt aangifte doen {marker}.</p>" })).StatusCode);
        Sent($"u kunt aangifte doen {marker}");
        await MailAsync(address, m => m.Subject!.StartsWith("Re:", StringComparison.Ordinal), "the staff reply");

        // Self-test with a contact request (a phone number as a visitor types it).
        // 06 1…: a Dutch mobile range; not every 06 number is one (06 7… and 06 9… are refused as no valid number).
        var selfTestPhone = "06 1" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        Sent(selfTestPhone);
        Sent("+316" + selfTestPhone[3..]);
        Sent("06" + selfTestPhone[3..]);
        var response = await fixture.Client.PostAsJsonAsync("/api/selftests/trauma-screen/responses", new
        {
            version = 1,
            answers = Enumerable.Range(1, 10).ToDictionary(i => $"q{i}", i => i <= 7 ? "yes" : "no"),
            contactRequest = new { channel = "phone", contact = selfTestPhone },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await console.WaitForAsync("notification", e => e.GetProperty("kind").GetString() == "selftest-contact-request", "the contact-request notification");

        // Appointment with a phone number, and its reminder SMS.
        var digits = Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var smsPhone = Sent("+3161" + digits);
        Sent("061" + digits);
        var appointment = await AppointmentInReminderArmAsync(staff.AccessToken, smsPhone);
        var due = appointment.GetProperty("remindersDue")[0].GetDateTimeOffset();
        fixture.Clock.Advance(due - fixture.Clock.GetUtcNow() + TimeSpan.FromMinutes(2));
        (await fixture.Client.PostAsync("/admin/functions/SweepReminders", null)).EnsureSuccessStatusCode();
        await LocalHostFixture.EventuallyAsync(async () => (await fixture.OutboxAsync(DevOutbox.Sms, smsPhone)).FirstOrDefault(), "the reminder SMS");

        // Information mail.
        var infoAddress = Sent($"sanne.{marker}@example.org");
        Assert.Equal(HttpStatusCode.Accepted, (await ChatTestKit.StaffPostAsync(fixture, staff.AccessToken, "/api/info-mails",
            new { recipient = infoAddress, name = Sent($"Sanne Bakker{marker}"), crimeType = "violence", language = "nl" })).StatusCode);
        await MailAsync(infoAddress, _ => true, "the information mail");

        var lines = fixture.Logs.Lines.ToList();
        Assert.True(lines.Count > 20, $"Only {lines.Count} log lines were captured.");
        var leaks = lines.SelectMany(line => sent.Where(value => line.Contains(value, StringComparison.OrdinalIgnoreCase)).Select(value => $"'{value}' in: {line}")).ToList();
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
    }

    private Task<OutboxItem> MailAsync(string to, Func<OutboxItem, bool> match, string what)
        => LocalHostFixture.EventuallyAsync(async () => (await fixture.OutboxAsync(DevOutbox.Email, to)).FirstOrDefault(match), what);

    private async Task<JsonElement> AppointmentInReminderArmAsync(string token, string phone)
    {
        var local = TimeZoneInfo.ConvertTime(fixture.Clock.GetUtcNow(), ChatTestKit.Amsterdam).DateTime.Date.AddDays(3).AddHours(14);
        for (var attempt = 0; attempt < 40; attempt++)
        {
            var request = fixture.StaffRequest(HttpMethod.Post, "/api/staff/appointments", token);
            request.Content = JsonContent.Create(new
            {
                startsAt = local.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), kind = "office", place = "Stationsplein 1, Utrecht",
                phoneNumber = phone, consentToSms = true, language = "nl",
            }, options: JsonDefaults.Web);
            var response = await fixture.Client.SendAsync(request);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
            if (body.GetProperty("arm").GetString() == "reminder") return body;
            (await fixture.Client.SendAsync(fixture.StaffRequest(HttpMethod.Post, $"/api/staff/appointments/{body.GetProperty("id").GetString()}/cancel", token))).EnsureSuccessStatusCode();
        }
        throw new InvalidOperationException("No appointment fell in the reminder arm.");
    }
}
