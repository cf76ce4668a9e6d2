using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

/// <summary>
/// No output and no app setting carries a key, and every service that can refuse keys does. Deployment outputs and
/// app settings are readable by anyone with read access to the resource group, so a key there is a key handed out.
/// </summary>
[Collection(InfraCollection.Name)]
public partial class SecretTests(InfraBuild infra)
{
    private const string AppInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    internal static List<string> AppSettingProblems(Snapshot snapshot)
    {
        var problems = new List<string>();
        var settings = snapshot.AppSettings;
        foreach (var (name, value) in settings)
        {
            if (SecretName().IsMatch(name)) problems.Add($"setting {name} looks like a secret by its name");
            if (ListFunction().IsMatch(value)) problems.Add($"setting {name} reads a key with a list*() function");
            if (KeyInValue().IsMatch(value)) problems.Add($"setting {name} contains a key");
            // The App Insights connection string holds an instrumentation key, which Microsoft does not treat as a secret;
            // it is harmless only while the component refuses key-only ingestion and the app authenticates with Entra ID.
            if (name != AppInsightsConnectionString && (value.Contains("InstrumentationKey", StringComparison.OrdinalIgnoreCase) || value.Contains(".ConnectionString", StringComparison.Ordinal)))
            {
                problems.Add($"setting {name} carries a connection string");
            }
        }
        if (settings.ContainsKey("AzureWebJobsStorage")) problems.Add("AzureWebJobsStorage is a connection string; use the identity-based AzureWebJobsStorage__* settings");
        if (settings.ContainsKey(AppInsightsConnectionString))
        {
            if (!settings.GetValueOrDefault("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", "").Contains("Authorization=AAD", StringComparison.Ordinal))
            {
                problems.Add("telemetry is sent with the instrumentation key alone: set APPLICATIONINSIGHTS_AUTHENTICATION_STRING to Authorization=AAD");
            }
            if ((bool?)snapshot.Single("Microsoft.Insights/components")["properties"]?["DisableLocalAuth"] != true)
            {
                problems.Add("Application Insights accepts telemetry with the instrumentation key alone (DisableLocalAuth is not true)");
            }
        }
        return problems.Select(problem => $"{snapshot}: {problem}").ToList();
    }

    [Fact]
    public void No_app_setting_carries_a_key()
    {
        Assert.Empty(infra.All.SelectMany(AppSettingProblems));
    }

    [Fact]
    public void A_storage_key_in_the_settings_is_reported()
    {
        var withKey = infra.Dev.With(json => AppSettings(json)["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net");
        var problems = AppSettingProblems(withKey);
        Assert.Contains(problems, problem => problem.Contains("AzureWebJobsStorage contains a key", StringComparison.Ordinal));
    }

    [Fact]
    public void Telemetry_with_the_instrumentation_key_alone_is_reported()
    {
        var keyOnly = infra.Dev.With(json =>
        {
            AppSettings(json).Remove("APPLICATIONINSIGHTS_AUTHENTICATION_STRING");
            Resource(json, "Microsoft.Insights/components")["properties"]!["DisableLocalAuth"] = false;
        });
        var problems = AppSettingProblems(keyOnly);
        Assert.Contains(problems, problem => problem.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("DisableLocalAuth", StringComparison.Ordinal));
    }

    [Fact]
    public void No_output_carries_a_key()
    {
        // Every outputs block: main.bicep's and each module's (nested deployment templates).
        var outputs = Descendants(infra.CompiledMain).OfType<JsonObject>()
            .Where(node => node.Parent is JsonObject parent && parent["outputs"] == node)
            .SelectMany(block => block.Select(output => (output.Key, Value: output.Value?.ToJsonString() ?? "")))
            .Concat(infra.All.SelectMany(snapshot => snapshot.Outputs.Select(output => (output.Key, Value: output.Value?.ToJsonString() ?? ""))))
            .ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output =>
        {
            Assert.False(ListFunction().IsMatch(output.Value), $"output {output.Key} reads a key: {output.Value}");
            Assert.False(KeyInValue().IsMatch(output.Value), $"output {output.Key} contains a key: {output.Value}");
            Assert.DoesNotContain("ConnectionString", output.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("InstrumentationKey", output.Value, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void A_key_is_read_only_for_the_event_subscription_and_kept_secret_there()
    {
        foreach (var snapshot in infra.All)
        {
            foreach (var resource in snapshot.Resources())
            {
                foreach (var value in Descendants(resource).OfType<JsonValue>().Where(value => value.TryGetValue<string>(out var text) && ListFunction().IsMatch(text)))
                {
                    // …destination.properties.deliveryAttributeMappings[i].properties.value, next to isSecret.
                    var mapping = value.Parent?.Parent as JsonObject;
                    var inDeliveryHeader = value.Parent is JsonObject properties && properties["isSecret"]?.GetValue<bool>() == true
                        && mapping?.Parent?.Parent is JsonObject destination && destination.ContainsKey("deliveryAttributeMappings");
                    Assert.True(inDeliveryHeader, $"{snapshot}: {resource["type"]} reads a key outside a secret delivery header: {value}");
                }
            }
        }
    }

    [Fact]
    public void Every_service_that_can_refuse_keys_does()
    {
        foreach (var snapshot in infra.All)
        {
            var storage = snapshot.Single("Microsoft.Storage/storageAccounts")["properties"]!;
            Assert.False((bool?)storage["allowSharedKeyAccess"] ?? true, $"{snapshot}: storage accepts shared keys");
            Assert.False((bool?)storage["allowBlobPublicAccess"] ?? true, $"{snapshot}: storage allows public blobs");
            Assert.Equal("TLS1_2", (string?)storage["minimumTlsVersion"]);
            Assert.True((bool?)storage["supportsHttpsTrafficOnly"]);
            Assert.True((bool?)snapshot.Single("Microsoft.Insights/components")["properties"]?["DisableLocalAuth"]);
            Assert.True((bool?)snapshot.Single("Microsoft.SignalRService/signalR")["properties"]?["disableLocalAuth"]);
            Assert.True((bool?)snapshot.Single("Microsoft.Communication/communicationServices")["properties"]?["disableLocalAuth"]);
            var publishing = snapshot.Resources("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
            Assert.Equal(["ftp", "scm"], publishing.Select(policy => ((string)policy["name"]!).Split('/')[^1]).Order());
            Assert.All(publishing, policy => Assert.False((bool?)policy["properties"]?["allow"] ?? true));
        }
    }

    private static JsonObject AppSettings(JsonObject json) => Resource(json, Snapshot.AppSettingsType)["properties"]!.AsObject();

    private static JsonObject Resource(JsonObject json, string type)
        => json["predictedResources"]!.AsArray().Single(resource => (string?)resource!["type"] == type)!.AsObject();

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject values => values.Select(entry => entry.Value),
            JsonArray items => items,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child)) yield return descendant;
        }
    }

    [GeneratedRegex(@"\blist[A-Za-z]*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();

    [GeneratedRegex(@"AccountKey=|AccessKey=|SharedAccessKey=|SharedAccessSignature=|[?&]sig=|[?&]code=", RegexOptions.IgnoreCase)]
    private static partial Regex KeyInValue();

    [GeneratedRegex(@"password|secret|signingkey|accountkey|accesskey|apikey", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
