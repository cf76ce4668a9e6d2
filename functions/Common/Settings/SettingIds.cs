namespace Steunpunt.Common.Settings;

/// <summary>
/// Ids with hyphens (test ids, crime types) used as keys inside a settings section. Linux App Service accepts only
/// letters, digits and underscores in setting names, so a hyphen is written there as an underscore:
/// <c>SelfTests__Cutoffs__trauma_screen</c> sets the cut-off of test <c>trauma-screen</c>. The hyphenated key keeps
/// working where names are free (local.settings.json, environment variables of other hosts). Ids themselves never
/// contain underscores, so the mapping is one to one.
/// </summary>
public static class SettingIds
{
    public static string IdOf(string key) => key.Replace('_', '-');

    public static string KeyOf(string id) => id.Replace('-', '_');

    /// <summary>The values by id. A key written both ways counts once (<see cref="Problems"/> reports differing values).</summary>
    public static IReadOnlyDictionary<string, T> ById<T>(IReadOnlyDictionary<string, T> byKey)
        => byKey.GroupBy(setting => IdOf(setting.Key), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderBy(setting => setting.Key, StringComparer.Ordinal).First().Value, StringComparer.Ordinal);

    /// <summary>
    /// What is wrong with the keys of a section, in Dutch and English, naming each setting as Azure spells it:
    /// a key that names no known id, and an id given two different values.
    /// </summary>
    /// <param name="section">The section as an environment variable name, e.g. <c>SelfTests__Cutoffs</c>.</param>
    /// <param name="noun">What the ids are, in Dutch and English, e.g. <c>("test", "test")</c>.</param>
    public static IEnumerable<string> Problems<T>(
        IReadOnlyDictionary<string, T> byKey, string section, IReadOnlyCollection<string> knownIds, (string Dutch, string English) noun)
    {
        var known = string.Join(", ", knownIds.Select(KeyOf));
        foreach (var key in byKey.Keys.Where(key => !knownIds.Contains(IdOf(key))).Order(StringComparer.Ordinal))
        {
            yield return $"Instelling '{section}__{key}': er is geen {noun.Dutch} '{IdOf(key)}' (wel: {known}). "
                + $"/ Setting '{section}__{key}': there is no {noun.English} '{IdOf(key)}' (known: {known}).";
        }
        foreach (var twice in byKey.GroupBy(setting => IdOf(setting.Key), StringComparer.Ordinal)
            .Where(group => group.Select(setting => setting.Value).Distinct().Count() > 1))
        {
            var names = string.Join("' en '", twice.Select(setting => $"{section}__{setting.Key}").Order(StringComparer.Ordinal));
            yield return $"Instellingen '{names}' geven '{twice.Key}' verschillende waarden: laat er één staan. "
                + $"/ Settings '{names.Replace("' en '", "' and '", StringComparison.Ordinal)}' give '{twice.Key}' different values: keep one.";
        }
    }
}
