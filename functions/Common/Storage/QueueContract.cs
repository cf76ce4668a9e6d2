using System.Text.Json;
using Steunpunt.Common.Json;

namespace Steunpunt.Common.Storage;

/// <summary>Reads a versioned JSON message off a queue, the same way in every queue function.</summary>
public static class QueueContract
{
    /// <summary>
    /// The message, or an <see cref="InvalidDataException"/> when it is empty or of another schema version. Thrown, so
    /// the host retries and then parks it in the poison queue for a person to look at.
    /// </summary>
    public static T Read<T>(string message, Func<T, int> schemaVersion, int currentVersion, string what) where T : class
    {
        var parsed = JsonSerializer.Deserialize<T>(message, JsonDefaults.Web) ?? throw new InvalidDataException($"Empty {what} message.");
        var version = schemaVersion(parsed);
        return version == currentVersion ? parsed : throw new InvalidDataException($"{what} schema version {version} is not supported.");
    }
}
