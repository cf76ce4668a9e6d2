using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Steunpunt.Common.Storage;
using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

/// <summary>Flex Consumption, the isolated worker on the app's .NET version, scale to zero, identity everywhere.</summary>
[Collection(InfraCollection.Name)]
public class FunctionAppTests(InfraBuild infra)
{
    private static JsonObject Site(Snapshot snapshot) => snapshot.Single("Microsoft.Web/sites");
    private static JsonNode Config(Snapshot snapshot) => Site(snapshot)["properties"]!["functionAppConfig"]!;

    [Fact]
    public void The_plan_is_Flex_Consumption_on_Linux()
    {
        foreach (var snapshot in infra.All)
        {
            var plan = snapshot.Single("Microsoft.Web/serverfarms");
            Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
            Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);
            Assert.True((bool?)plan["properties"]?["reserved"], "A Flex Consumption plan is Linux (reserved: true).");
            Assert.Equal((string?)plan["id"], (string?)Site(snapshot)["properties"]?["serverFarmId"]);
            Assert.Equal("functionapp,linux", (string?)Site(snapshot)["kind"]);
        }
    }

    [Fact]
    public void The_runtime_is_the_isolated_worker_on_the_NET_version_the_app_targets()
    {
        var target = new FrameworkName(typeof(StorageNames).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName);
        foreach (var snapshot in infra.All)
        {
            Assert.Equal("dotnet-isolated", (string?)Config(snapshot)["runtime"]?["name"]);
            Assert.Equal($"{target.Version.Major}.{target.Version.Minor}", (string?)Config(snapshot)["runtime"]?["version"]);
        }
    }

    [Fact]
    public void It_scales_to_zero_unless_always_ready_instances_are_asked_for()
    {
        foreach (var snapshot in infra.All)
        {
            var alwaysReady = Config(snapshot)["scaleAndConcurrency"]?["alwaysReady"]?.AsArray() ?? [];
            Assert.All(alwaysReady, group => Assert.Equal(0, (int?)group!["instanceCount"] ?? 0));
        }
        var parameters = infra.CompiledMain["parameters"]!;
        Assert.Equal(0, (int?)parameters["alwaysReadyHttpInstances"]?["defaultValue"]);
    }

    [Fact]
    public void Maximum_instances_and_instance_memory_are_parameters()
    {
        var parameters = infra.CompiledMain["parameters"]!;
        Assert.Equal("int", (string?)parameters["maximumInstanceCount"]?["type"]);
        Assert.Equal("int", (string?)parameters["instanceMemoryMB"]?["type"]);
        foreach (var snapshot in infra.All)
        {
            var scale = Config(snapshot)["scaleAndConcurrency"]!;
            Assert.InRange((int)scale["maximumInstanceCount"]!, 40, 1000);
            Assert.Contains((int)scale["instanceMemoryMB"]!, new[] { 512, 2048, 4096 });
        }
        Assert.True((int)Config(infra.Prod)["scaleAndConcurrency"]!["maximumInstanceCount"]! > (int)Config(infra.Dev)["scaleAndConcurrency"]!["maximumInstanceCount"]!);
    }

    [Fact]
    public void It_runs_as_the_user_assigned_identity_and_deploys_from_its_storage_with_it()
    {
        foreach (var snapshot in infra.All)
        {
            var identity = (string)snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!;
            var site = Site(snapshot);
            Assert.Equal("UserAssigned", (string?)site["identity"]?["type"]);
            Assert.Equal([identity], site["identity"]!["userAssignedIdentities"]!.AsObject().Select(entry => entry.Key));

            var storage = Config(snapshot)["deployment"]!["storage"]!;
            Assert.Equal("blobContainer", (string?)storage["type"]);
            Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]?["type"]);
            Assert.Equal(identity, (string?)storage["authentication"]?["userAssignedIdentityResourceId"]);
            var container = snapshot.ChildNames("Microsoft.Storage/storageAccounts/blobServices/containers").Single();
            var account = (string)snapshot.Single("Microsoft.Storage/storageAccounts")["name"]!;
            Assert.Equal($"https://{account}.blob.core.windows.net/{container}", ArmExpression.EvaluateToString((string)storage["value"]!));
        }
    }

    [Fact]
    public void It_is_https_only_and_tagged_as_the_azd_service_api()
    {
        foreach (var snapshot in infra.All)
        {
            var site = Site(snapshot);
            Assert.True((bool?)site["properties"]?["httpsOnly"]);
            Assert.Equal("1.2", (string?)site["properties"]?["siteConfig"]?["minTlsVersion"]);
            Assert.Equal(AzdTests.ServiceName(), (string?)site["tags"]?["azd-service-name"]);
        }
    }
}
