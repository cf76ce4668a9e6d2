using System.Text.RegularExpressions;
using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

/// <summary>azure.yaml points azd at the Functions project and at infra/, whose main.bicepparam azd prefers.</summary>
public partial class AzdTests
{
    private static readonly string AzureYaml = File.ReadAllText(Path.Combine(InfraBuild.RepositoryRoot, "azure.yaml"));

    /// <summary>The one service in azure.yaml; azd deploys it to the site tagged azd-service-name with this name.</summary>
    internal static string ServiceName() => Service().Match(AzureYaml) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("azure.yaml has no service.");

    [Fact]
    public void The_api_service_is_the_Functions_project_deployed_as_a_function()
    {
        Assert.Equal("api", ServiceName());
        Assert.Matches(@"(?m)^\s+project: \./functions$", AzureYaml);
        Assert.Matches(@"(?m)^\s+language: dotnet$", AzureYaml);
        Assert.Matches(@"(?m)^\s+host: function$", AzureYaml);
        Assert.True(File.Exists(Path.Combine(InfraBuild.RepositoryRoot, "functions", "Steunpunt.Functions.csproj")));
    }

    [Fact]
    public void Infra_is_Bicep_in_infra_with_the_parameter_file_azd_reads()
    {
        Assert.Matches(@"(?m)^\s+provider: bicep$", AzureYaml);
        Assert.Matches(@"(?m)^\s+path: infra$", AzureYaml);
        Assert.Matches(@"(?m)^\s+module: main$", AzureYaml);
        // azd uses <module>.bicepparam when it exists, else <module>.bicep with <module>.parameters.json.
        Assert.True(File.Exists(Path.Combine(InfraBuild.InfraDirectory, "main.bicepparam")));
        Assert.True(File.Exists(Path.Combine(InfraBuild.InfraDirectory, "main.bicep")));
    }

    [GeneratedRegex(@"(?m)^services:\s*\n\s+([A-Za-z0-9-]+):")]
    private static partial Regex Service();
}
