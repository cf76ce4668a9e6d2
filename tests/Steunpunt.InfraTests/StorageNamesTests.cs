using System.Text.Json.Nodes;
using Steunpunt.Common.Storage;
using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

/// <summary>
/// The template creates exactly the tables and queues the code names in <see cref="StorageNames"/>, with the
/// Functions host's poison queue for every queue: a new queue in the code without its Bicep fails here.
/// </summary>
[Collection(InfraCollection.Name)]
public class StorageNamesTests(InfraBuild infra)
{
    private const string Tables = "Microsoft.Storage/storageAccounts/tableServices/tables";
    private const string Queues = "Microsoft.Storage/storageAccounts/queueServices/queues";

    internal static List<string> Problems(Snapshot snapshot)
    {
        var expectedQueues = StorageNames.Queues.All.SelectMany(queue => new[] { queue, StorageNames.Queues.PoisonOf(queue) }).ToHashSet();
        return Compare("table", StorageNames.Tables.All.ToHashSet(), snapshot.ChildNames(Tables))
            .Concat(Compare("queue", expectedQueues, snapshot.ChildNames(Queues)))
            .Select(problem => $"{snapshot}: {problem}")
            .ToList();
    }

    private static IEnumerable<string> Compare(string kind, IReadOnlySet<string> inCode, IReadOnlySet<string> inTemplate)
        => inCode.Except(inTemplate).Select(name => $"{kind} '{name}' is used by the code but not created (add it to infra/storage-names.json)")
            .Concat(inTemplate.Except(inCode).Select(name => $"{kind} '{name}' is created but the code no longer names it"));

    [Fact]
    public void Every_table_and_queue_the_code_names_is_created_with_a_poison_queue_per_queue()
    {
        Assert.NotEmpty(StorageNames.Tables.All);
        Assert.NotEmpty(StorageNames.Queues.All);
        Assert.Empty(infra.All.SelectMany(Problems));
    }

    [Fact]
    public void A_table_the_template_lacks_is_reported()
    {
        var withoutTable = infra.Dev.With(json => Remove(json, Tables, StorageNames.Tables.Watermarks));
        Assert.Contains(Problems(withoutTable), problem => problem.Contains($"table '{StorageNames.Tables.Watermarks}' is used by the code", StringComparison.Ordinal));
    }

    [Fact]
    public void A_queue_without_its_poison_queue_is_reported()
    {
        var poison = StorageNames.Queues.PoisonOf(StorageNames.Queues.All[0]);
        var withoutPoison = infra.Dev.With(json => Remove(json, Queues, poison));
        Assert.Contains(Problems(withoutPoison), problem => problem.Contains($"queue '{poison}'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_deployment_package_has_its_own_private_container()
    {
        foreach (var snapshot in infra.All)
        {
            var container = snapshot.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
            Assert.Equal("None", (string?)container["properties"]?["publicAccess"]);
        }
    }

    private static void Remove(JsonObject json, string type, string name)
    {
        var resources = json["predictedResources"]!.AsArray();
        var match = resources.Single(resource => (string?)resource!["type"] == type && ((string)resource!["name"]!).EndsWith("/" + name, StringComparison.Ordinal));
        resources.Remove(match);
    }
}
