using System.Text.Json;
using Steunpunt.Connectors.Events;
using Steunpunt.MailIntake.Cases;

namespace Steunpunt.UnitTests.MailIntake;

public class MailDeliveryReportsTests
{
    private static readonly DateTimeOffset EventTime = new(2030, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static CommunicationEvent Report(string data)
        => new("e-1", CommunicationEventTypes.EmailDeliveryReportReceived, "sender/x/message/m-1", EventTime, JsonDocument.Parse(data).RootElement);

    [Theory]
    [InlineData("deliveryAttemptTimeStamp")] // Event Grid schema
    [InlineData("deliveryAttemptTimestamp")] // CloudEvents
    public void The_attempt_time_is_read_in_either_spelling(string name)
        => Assert.Equal(new DateTimeOffset(2030, 5, 1, 11, 58, 30, TimeSpan.Zero),
            MailDeliveryReports.AttemptedAt(Report($$"""{"messageId":"m-1","status":"Bounced","{{name}}":"2030-05-01T11:58:30Z"}""")));

    [Fact]
    public void Without_an_attempt_time_the_event_time_counts()
        => Assert.Equal(EventTime, MailDeliveryReports.AttemptedAt(Report("""{"messageId":"m-1","status":"Bounced"}""")));
}
