namespace Steunpunt.InfraTests.Bicep;

/// <summary>
/// A module that breaks the rules bicepconfig.json raises to errors. The CLI ignores a misspelt rule name without a
/// word, so only a file that breaks the rules shows they are on.
/// </summary>
public static class LinterProbe
{
    public const string FileName = "linter-probe.bicep";

    public const string Template = """
        param unusedParameter string

        resource site 'Microsoft.Web/sites@2022-03-01' existing = {
          name: 'probe'
        }

        output hostKey string = listKeys('${site.id}/host/default', '2022-03-01').functionKeys.default
        output login string = 'https://login.microsoftonline.com/'
        """;

    /// <summary>Rules the probe breaks and that must be errors.</summary>
    public static readonly string[] ErrorRules = ["no-unused-params", "outputs-should-not-contain-secrets", "no-hardcoded-env-urls"];
}
