using System.Text.Json;

namespace Steunpunt.LocalHost.Settings;

/// <summary>
/// Reads the <c>Values</c> and <c>Host</c> sections of local.settings.json as Core Tools does (falling back to the committed sample),
/// turning <c>A__B</c> into the configuration key <c>A:B</c>.
/// </summary>
public static class LocalSettingsFile
{
    public static (string Path, Dictionary<string, string?> Values) Load(string root)
    {
        var path = Path.Combine(root, "local.settings.json");
        if (!File.Exists(path)) path = Path.Combine(root, "local.settings.sample.json");
        if (!File.Exists(path)) return ("(none)", new());

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section))
        {
            foreach (var property in section.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = Text(property.Value);
            }
        }
        // Host holds Core Tools' own settings (CORS, CORSCredentials, ...), read as Host:<name>.
        if (document.RootElement.TryGetProperty("Host", out var hostSection) && hostSection.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in hostSection.EnumerateObject()) values[$"Host:{property.Name}"] = Text(property.Value);
        }
        return (path, values);
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };
}
