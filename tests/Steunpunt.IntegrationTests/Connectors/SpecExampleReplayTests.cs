using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors.Email;
using Steunpunt.Connectors.Sms;
using Steunpunt.LocalHost.Settings;

namespace Steunpunt.IntegrationTests.Connectors;

/// <summary>
/// The official examples of the Communication Services REST API (azure-rest-api-specs, copied under
/// <c>SpecExamples/</c> with their source) sent to the emulator: the answer must have the example's status, the
/// headers it lists and its JSON shape (the same property names and types; values too, except the ids the service makes up).
/// </summary>
[Collection(LocalHostCollection.Name)]
public class SpecExampleReplayTests(LocalHostFixture fixture)
{
    private static JsonElement Example(string file)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "tests", "Steunpunt.IntegrationTests", "Connectors", "SpecExamples", file))).RootElement;

    private Uri Endpoint => SignedEmulatorRequests.Connection(fixture).Endpoint;

    [Fact]
    public async Task The_SendEmail_example_is_answered_as_in_the_example_and_its_operation_as_in_the_success_example()
    {
        var example = Example("Email-2023-03-31-SendEmail.json");
        var parameters = example.GetProperty("parameters");
        var message = JsonNode.Parse(parameters.GetProperty("emailMessage").GetRawText())!;
        message["senderAddress"] = fixture.Services.GetRequiredService<IOptions<EmailOptions>>().Value.SenderAddress;
        var exampleId = parameters.GetProperty("operation-id").GetString()!;
        var operationId = Guid.NewGuid().ToString();
        var apiVersion = parameters.GetProperty("api-version").GetString();

        using var request = SignedEmulatorRequests.Create(fixture, HttpMethod.Post, $"emails:send?api-version={apiVersion}", message.ToJsonString());
        request.Headers.Add("Operation-Id", operationId);
        request.Headers.Add("x-ms-client-request-id", parameters.GetProperty("x-ms-client-request-id").GetString());
        using var response = await fixture.Client.SendAsync(request);

        var expected = example.GetProperty("responses").EnumerateObject().Single();
        Assert.Equal(int.Parse(expected.Name), (int)response.StatusCode);
        var headers = expected.Value.GetProperty("headers");
        var location = Header(response, "Operation-Location");
        var exampleLocation = headers.GetProperty("Operation-Location").GetString()!.Replace(exampleId, operationId, StringComparison.Ordinal);
        Assert.Equal(Relative(exampleLocation, parameters.GetProperty("endpoint").GetString()!), Relative(location, Endpoint.AbsoluteUri));
        Assert.Equal(JsonValueKind.Number, headers.GetProperty("retry-after").ValueKind);
        Assert.True(int.TryParse(Header(response, "retry-after"), out var retryAfter) && retryAfter >= 0, "retry-after is not a number of seconds.");
        Assert.Equal(["operation-location", "retry-after"], headers.EnumerateObject().Select(h => h.Name.ToLowerInvariant()).Order());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(exampleId, expected.Value.GetProperty("body").GetProperty("id").GetString());
        Assert.Equal(operationId, body.GetProperty("id").GetString());
        AssertSameShape(expected.Value.GetProperty("body"), body, "$", ["id"]);

        var status = Example("Email-2023-03-31-GetOperationStatusReturnsSuccessTerminalStatus.json").GetProperty("responses").EnumerateObject().Single();
        using var poll = SignedEmulatorRequests.Create(fixture, HttpMethod.Get, Relative(location, Endpoint.AbsoluteUri), null);
        using var polled = await fixture.Client.SendAsync(poll);
        Assert.Equal(int.Parse(status.Name), (int)polled.StatusCode);
        AssertSameShape(status.Value.GetProperty("body"), await polled.Content.ReadFromJsonAsync<JsonElement>(), "$", ["id"]);
    }

    [Fact]
    public async Task The_SMS_send_example_is_answered_item_for_item_as_in_the_example()
    {
        var example = Example("Sms-2021-03-07-send.json");
        var parameters = example.GetProperty("parameters");
        var body = JsonNode.Parse(parameters.GetProperty("SendMessageRequest").GetRawText())!;
        body["from"] = fixture.Services.GetRequiredService<IOptions<SmsOptions>>().Value.From;
        var expected = example.GetProperty("responses").EnumerateObject().Single();
        // The example's one recipient the service could not take at that moment: the emulator is told to fail it the same way.
        var unavailable = expected.Value.GetProperty("body").GetProperty("value").EnumerateArray().Single(i => i.GetProperty("httpStatusCode").GetInt32() == 503);
        (await fixture.Client.PostAsJsonAsync("/dev/faults", new { target = "sms", recipient = unavailable.GetProperty("to").GetString(), recipientStatus = 503 })).EnsureSuccessStatusCode();

        using var request = SignedEmulatorRequests.Create(fixture, HttpMethod.Post, $"sms?api-version={parameters.GetProperty("api-version").GetString()}", body.ToJsonString());
        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(int.Parse(expected.Name), (int)response.StatusCode);
        foreach (var header in expected.Value.GetProperty("headers").EnumerateObject()) Assert.False(string.IsNullOrEmpty(Header(response, header.Name)), $"No {header.Name} header.");
        AssertSameShape(expected.Value.GetProperty("body"), await response.Content.ReadFromJsonAsync<JsonElement>(), "$", ["messageId"]);
    }

    private static string Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    /// <summary>The part of a URL after the resource endpoint (the official example doubles the slash there).</summary>
    private static string Relative(string url, string endpoint)
    {
        Assert.StartsWith(endpoint.TrimEnd('/'), url, StringComparison.OrdinalIgnoreCase);
        return url[endpoint.TrimEnd('/').Length..].TrimStart('/');
    }

    /// <summary>The same property names and JSON types throughout; equal values, except for properties named in <paramref name="madeUp"/>.</summary>
    private static void AssertSameShape(JsonElement expected, JsonElement actual, string path, string[] madeUp, string? name = null)
    {
        Assert.True(expected.ValueKind == actual.ValueKind, $"{path}: the example has {expected.ValueKind}, the emulator {actual.ValueKind} ({actual.GetRawText()}).");
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var want = expected.EnumerateObject().Select(p => p.Name).Order().ToList();
                var got = actual.EnumerateObject().Select(p => p.Name).Order().ToList();
                Assert.True(want.SequenceEqual(got), $"{path}: the example has [{string.Join(", ", want)}], the emulator [{string.Join(", ", got)}].");
                foreach (var property in expected.EnumerateObject()) AssertSameShape(property.Value, actual.GetProperty(property.Name), $"{path}.{property.Name}", madeUp, property.Name);
                break;
            case JsonValueKind.Array:
                Assert.True(expected.GetArrayLength() == actual.GetArrayLength(), $"{path}: the example has {expected.GetArrayLength()} items, the emulator {actual.GetArrayLength()}.");
                for (var i = 0; i < expected.GetArrayLength(); i++) AssertSameShape(expected[i], actual[i], $"{path}[{i}]", madeUp, name);
                break;
            default:
                var same = expected.ValueKind == JsonValueKind.String ? expected.GetString() == actual.GetString() : expected.GetRawText() == actual.GetRawText();
                if (name is null || !madeUp.Contains(name)) Assert.True(same, $"{path}: the example has {expected.GetRawText()}, the emulator {actual.GetRawText()}.");
                break;
        }
    }
}
