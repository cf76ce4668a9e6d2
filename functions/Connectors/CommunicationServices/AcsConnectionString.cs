namespace Steunpunt.Connectors.CommunicationServices;

/// <summary>
/// <c>endpoint=https://&lt;resource&gt;.communication.azure.com/;accesskey=&lt;base64&gt;</c>: parts split on <c>;</c>,
/// each at its first <c>=</c>, names case-insensitive, as the Communication Services SDKs read it.
/// </summary>
public sealed record AcsConnectionString(Uri Endpoint, byte[] AccessKey)
{
    public static bool TryParse(string? value, out AcsConnectionString? parsed, out string? error)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "is empty";
            return false;
        }
        string? endpoint = null, accessKey = null;
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = part.IndexOf('=');
            if (at <= 0) continue;
            var name = part[..at].Trim();
            if (name.Equals("endpoint", StringComparison.OrdinalIgnoreCase)) endpoint = part[(at + 1)..].Trim();
            else if (name.Equals("accesskey", StringComparison.OrdinalIgnoreCase)) accessKey = part[(at + 1)..].Trim();
        }
        if (string.IsNullOrEmpty(endpoint) || !Uri.TryCreate(endpoint.TrimEnd('/'), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            error = "needs 'endpoint=' with an absolute http(s) URL";
            return false;
        }
        if (string.IsNullOrEmpty(accessKey))
        {
            error = "needs 'accesskey='";
            return false;
        }
        var key = new byte[accessKey.Length];
        if (!Convert.TryFromBase64String(accessKey, key, out var length) || length < 16)
        {
            error = "has an 'accesskey' that is not a base64 key";
            return false;
        }
        parsed = new AcsConnectionString(uri, key[..length]);
        error = null;
        return true;
    }
}
