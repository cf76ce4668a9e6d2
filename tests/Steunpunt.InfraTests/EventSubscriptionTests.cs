using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

/// <summary>SMS delivery reports and inbound SMS reach POST /api/events/communication through Event Grid.</summary>
[Collection(InfraCollection.Name)]
public class EventSubscriptionTests(InfraBuild infra)
{
    private const string Subscription = "Microsoft.EventGrid/systemTopics/eventSubscriptions";

    [Fact]
    public void Nothing_subscribes_until_the_code_that_answers_the_handshake_is_deployed()
    {
        // DEPLOY_EVENT_SUBSCRIPTIONS is not set for dev: the default of a first deployment.
        Assert.Empty(infra.Dev.Resources(Subscription));
        Assert.Empty(infra.Dev.Resources("Microsoft.EventGrid/systemTopics"));
    }

    [Fact]
    public void SMS_and_email_events_go_to_the_function_with_the_key_in_a_secret_header()
    {
        var snapshot = infra.Prod;
        var topic = snapshot.Single("Microsoft.EventGrid/systemTopics")["properties"]!;
        Assert.Equal((string?)snapshot.Single("Microsoft.Communication/communicationServices")["id"], (string?)topic["source"]);
        Assert.Equal("Microsoft.Communication.CommunicationServices", (string?)topic["topicType"]);

        var subscription = snapshot.Single(Subscription)["properties"]!;
        Assert.Equal(
            ["Microsoft.Communication.EmailDeliveryReportReceived", "Microsoft.Communication.SMSDeliveryReportReceived", "Microsoft.Communication.SMSReceived"],
            subscription["filter"]!["includedEventTypes"]!.AsArray().Select(type => (string)type!).Order());

        var destination = subscription["destination"]!;
        Assert.Equal("WebHook", (string?)destination["endpointType"]);
        var site = (string)snapshot.Single("Microsoft.Web/sites")["name"]!;
        Assert.Equal($"https://{site}.placeholder.test/api/events/communication", ArmExpression.EvaluateToString((string)destination["properties"]!["endpointUrl"]!));

        var header = destination["properties"]!["deliveryAttributeMappings"]!.AsArray().Single()!;
        Assert.Equal("x-functions-key", (string?)header["name"]);
        Assert.Equal("Static", (string?)header["type"]);
        Assert.True((bool?)header["properties"]?["isSecret"]);
        Assert.StartsWith($"[listKeys('{(string)snapshot.Single("Microsoft.Web/sites")["id"]!}/host/default'", (string?)header["properties"]?["value"], StringComparison.Ordinal);
    }
}
