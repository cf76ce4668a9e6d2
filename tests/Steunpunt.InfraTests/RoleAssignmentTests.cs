using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

/// <summary>Each identity has exactly the built-in roles it needs, each on the one resource it needs it for.</summary>
[Collection(InfraCollection.Name)]
public partial class RoleAssignmentTests(InfraBuild infra)
{
    private const string RoleAssignment = "Microsoft.Authorization/roleAssignments";
    private const string Identity = "Microsoft.ManagedIdentity/userAssignedIdentities";

    /// <summary>Built-in role definition id → (role name, the resource type it is granted on).</summary>
    internal static readonly Dictionary<string, (string Role, string Scope)> Expected = new()
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = ("Storage Blob Data Owner", "Microsoft.Storage/storageAccounts"),
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = ("Storage Queue Data Contributor", "Microsoft.Storage/storageAccounts"),
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = ("Storage Table Data Contributor", "Microsoft.Storage/storageAccounts"),
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = ("Monitoring Metrics Publisher", "Microsoft.Insights/components"),
        ["fd53cd77-2268-407a-8f46-7e7863d0f521"] = ("SignalR REST API Owner", "Microsoft.SignalRService/signalR"),
        ["09976791-48a7-449e-bb21-39d1a415f350"] = ("Communication and Email Service Owner", "Microsoft.Communication/communicationServices"),
    };

    internal static List<string> Problems(Snapshot snapshot)
    {
        var problems = new List<string>();
        var identities = snapshot.Resources(Identity).Select(identity => (string)identity["id"]!).ToList();
        var granted = identities.ToDictionary(identity => identity, _ => new HashSet<string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in snapshot.Resources(RoleAssignment))
        {
            var properties = assignment["properties"]!;
            var principal = ReferencedResource((string)properties["principalId"]!);
            var role = ((string)properties["roleDefinitionId"]!).Split('/')[^1];
            var scope = ScopeType((string)assignment["id"]!);
            if (principal is null || !granted.TryGetValue(principal, out var roles))
            {
                problems.Add($"role {role} on {scope} goes to {properties["principalId"]}, not to an identity of this template");
                continue;
            }
            if ((string?)properties["principalType"] != "ServicePrincipal") problems.Add($"role {role}: principalType must be ServicePrincipal");
            roles.Add($"{role}@{scope}");
        }
        var expected = Expected.Select(entry => $"{entry.Key}@{entry.Value.Scope}").ToHashSet();
        foreach (var (identity, roles) in granted)
        {
            problems.AddRange(expected.Except(roles).Select(role => $"{identity} lacks {Describe(role)}"));
            problems.AddRange(roles.Except(expected).Select(role => $"{identity} has {Describe(role)}, which it should not"));
        }
        return problems.Select(problem => $"{snapshot}: {problem}").ToList();
    }

    [Fact]
    public void The_app_identity_has_exactly_the_roles_it_needs_each_on_its_own_resource()
    {
        foreach (var snapshot in infra.All) Assert.Single(snapshot.Resources(Identity));
        Assert.Empty(infra.All.SelectMany(Problems));
    }

    [Fact]
    public void A_missing_role_is_reported()
    {
        var signalROwner = Expected.Single(entry => entry.Value.Role == "SignalR REST API Owner").Key;
        var without = infra.Dev.With(json =>
        {
            var resources = json["predictedResources"]!.AsArray();
            resources.Remove(resources.Single(resource => ((string?)resource!["properties"]?["roleDefinitionId"])?.EndsWith(signalROwner, StringComparison.Ordinal) == true));
        });
        Assert.Contains(Problems(without), problem => problem.Contains("lacks SignalR REST API Owner", StringComparison.Ordinal));
    }

    [Fact]
    public void An_extra_role_is_reported()
    {
        const string owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
        var withOwner = infra.Dev.With(json =>
        {
            var resources = json["predictedResources"]!.AsArray();
            var extra = resources.First(resource => (string?)resource!["type"] == RoleAssignment)!.DeepClone().AsObject();
            extra["properties"]!["roleDefinitionId"] = $"/subscriptions/{BicepEnvironment.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{owner}";
            resources.Add(extra);
        });
        Assert.Contains(Problems(withOwner), problem => problem.Contains($"has {owner}", StringComparison.Ordinal));
    }

    private static string Describe(string roleAtScope)
    {
        var role = roleAtScope.Split('@')[0];
        return Expected.TryGetValue(role, out var known) ? $"{known.Role} on {known.Scope}" : roleAtScope.Replace("@", " on ", StringComparison.Ordinal);
    }

    private static string? ReferencedResource(string expression)
    {
        var match = Reference().Match(expression);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The resource type an extension resource id is attached to, e.g. Microsoft.Storage/storageAccounts.</summary>
    private static string ScopeType(string roleAssignmentId)
    {
        var scope = roleAssignmentId[..roleAssignmentId.LastIndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase)];
        var providers = scope.LastIndexOf("/providers/", StringComparison.OrdinalIgnoreCase);
        if (providers < 0) return scope; // a resource group or subscription: never expected
        var providerPath = scope[(providers + "/providers/".Length)..].Split('/');
        return string.Join('/', providerPath.Take(1).Concat(providerPath.Skip(1).Where((_, index) => index % 2 == 0)));
    }

    [GeneratedRegex(@"reference\('([^']+)'")]
    private static partial Regex Reference();
}
