using System.Text.Json.Nodes;

namespace Steunpunt.InfraTests.Bicep;

/// <summary>
/// What <c>bicep snapshot</c> predicts a deployment creates: every resource of main.bicep and its modules, with
/// parameters, names, loops and conditions evaluated; only values that exist at run time stay ARM expressions.
/// </summary>
public sealed class Snapshot(string name, JsonObject json)
{
    public const string AppSettingsType = "Microsoft.Web/sites/config";

    public string Name { get; } = name;
    public JsonObject Json { get; } = json;

    public IEnumerable<JsonObject> Resources() => Json["predictedResources"]!.AsArray().Select(resource => resource!.AsObject());

    public IEnumerable<JsonObject> Resources(string type)
        => Resources().Where(resource => string.Equals((string?)resource["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type)
    {
        var matches = Resources(type).ToList();
        return matches.Count == 1 ? matches[0] : throw new InvalidOperationException($"{Name}: expected one {type}, found {matches.Count}.");
    }

    /// <summary>The last segment of each resource name of a type: the table, queue or container names.</summary>
    public IReadOnlySet<string> ChildNames(string type)
        => Resources(type).Select(resource => ((string)resource["name"]!).Split('/')[^1]).ToHashSet(StringComparer.Ordinal);

    public JsonObject Outputs => Json["outputs"]!.AsObject();

    public JsonArray Diagnostics => Json["diagnostics"]!.AsArray();

    /// <summary>The Function App's app settings as deployed: literal values or ARM expressions.</summary>
    public IReadOnlyDictionary<string, string> AppSettings
        => Resources(AppSettingsType)
            .Single(resource => ((string)resource["name"]!).EndsWith("/appsettings", StringComparison.Ordinal))["properties"]!.AsObject()
            .ToDictionary(setting => setting.Key, setting => (string)setting.Value!, StringComparer.Ordinal);

    /// <summary>A changed copy, to show that a check catches what it is meant to catch.</summary>
    public Snapshot With(Action<JsonObject> change)
    {
        var copy = Json.DeepClone().AsObject();
        change(copy);
        return new Snapshot(Name + " (changed)", copy);
    }

    public override string ToString() => Name;
}
