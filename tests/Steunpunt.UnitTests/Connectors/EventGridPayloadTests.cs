using System.Text;
using Steunpunt.Connectors.Events;

namespace Steunpunt.UnitTests.Connectors;

public class EventGridPayloadTests
{
    private static (IReadOnlyList<CommunicationEvent>? Events, string? Error) Parse(string json) => EventGridPayload.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Event_grid_schema_arrays_are_read()
    {
        var (events, error) = Parse("""
            [{"id":"a","eventType":"Microsoft.Communication.SMSDeliveryReportReceived","subject":"/phonenumber/31612345678","eventTime":"2026-11-28T10:00:00Z",
              "data":{"messageId":"Outgoing_1","deliveryStatus":"Delivered","tag":"r-1"},"dataVersion":"1.0"}]
            """);

        Assert.Null(error);
        var e = Assert.Single(events!);
        Assert.Equal(CommunicationEventTypes.SmsDeliveryReportReceived, e.Type);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), e.Time);
        Assert.Equal("Outgoing_1", EventGridPayload.PropertyText(e.Data, "messageId"));
    }

    [Fact]
    public void Cloud_events_single_or_batched_are_read_and_data_keys_match_in_any_case()
    {
        const string one = """{"specversion":"1.0","id":"b","source":"/x","type":"Microsoft.Communication.SMSDeliveryReportReceived","data":{"MessageId":"Outgoing_2","DeliveryStatus":"Failed"}}""";

        var single = Parse(one).Events!;
        var batch = Parse($"[{one},{one}]").Events!;

        Assert.Equal("Outgoing_2", EventGridPayload.PropertyText(Assert.Single(single).Data, "messageId"));
        Assert.Equal("Failed", EventGridPayload.PropertyText(single[0].Data, "deliveryStatus"));
        Assert.Equal(2, batch.Count);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("\"text\"")]
    [InlineData("[1]")]
    [InlineData("""[{"eventType":"x","data":{}}]""")]
    [InlineData("""{"specversion":"1.0","id":"c","data":{}}""")]
    public void Anything_else_is_refused_with_a_reason(string json)
    {
        var (events, error) = Parse(json);
        Assert.Null(events);
        Assert.NotNull(error);
    }
}
