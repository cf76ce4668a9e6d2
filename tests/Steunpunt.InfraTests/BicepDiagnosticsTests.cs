using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

/// <summary>
/// bicep build and lint report type problems (BCP…) as warnings that no setting can raise to errors, so any warning
/// fails here. The only exception is a rule whose verdict changes with the calendar.
/// </summary>
[Collection(InfraCollection.Name)]
public class BicepDiagnosticsTests(InfraBuild infra)
{
    // Flags an API version once it is older than two years: the same file passes today and fails next year.
    private static readonly HashSet<string> DateDependentRules = ["use-recent-api-versions"];

    [Fact]
    public void Every_template_and_parameter_file_lints_without_a_warning()
    {
        // The lint ran next to the probe module, whose errors are expected (see the test below).
        var problems = infra.Lint.Diagnostics.Where(d => !IsProbe(d) && d.Level != "Info" && !DateDependentRules.Contains(d.Code)).ToList();
        Assert.True(problems.Count == 0, $"{infra.Lint.Command}:\n{string.Join('\n', problems)}\n{infra.Lint.Output}");
    }

    [Fact]
    public void Every_template_builds_without_a_warning()
    {
        AssertClean(infra.Build);
        Assert.Equal(infra.TemplateFiles, infra.CompiledFiles);
        Assert.True(infra.CompiledMain.ContainsKey("resources"), "main.bicep did not compile to an ARM template.");
    }

    [Fact]
    public void The_parameter_files_compile_into_deployments_without_a_warning()
    {
        foreach (var run in infra.SnapshotRuns) AssertClean(run);
        foreach (var snapshot in infra.All)
        {
            Assert.True(snapshot.Diagnostics.Count == 0, $"{snapshot}: {snapshot.Diagnostics.ToJsonString()}");
            Assert.NotEmpty(snapshot.Resources());
        }
    }

    [Fact]
    public void The_linter_rules_that_guard_secrets_and_clouds_are_errors_and_reach_the_modules()
    {
        var probe = infra.Lint.Diagnostics.Where(IsProbe).ToList();
        Assert.NotEqual(0, infra.Lint.ExitCode);
        foreach (var rule in LinterProbe.ErrorRules)
        {
            Assert.True(probe.Any(d => d.Level == "Error" && d.Code == rule), $"Rule {rule} did not report an error:\n{infra.Lint.Output}");
        }
        Assert.DoesNotContain(probe, d => DateDependentRules.Contains(d.Code));
    }

    private static bool IsProbe(BicepDiagnostic diagnostic) => Path.GetFileName(diagnostic.File) == LinterProbe.FileName;

    private static void AssertClean(BicepRun run)
    {
        var problems = run.Diagnostics.Where(d => d.Level != "Info" && !DateDependentRules.Contains(d.Code)).ToList();
        Assert.True(run.ExitCode == 0 && problems.Count == 0,
            $"{run.Command} exited with {run.ExitCode}:\n{string.Join('\n', problems)}\n{run.Output}");
    }
}
