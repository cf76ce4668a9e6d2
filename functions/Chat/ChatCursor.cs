using Microsoft.AspNetCore.Http;

namespace Steunpunt.Chat;

internal static class ChatCursor
{
    /// <summary><c>?after=</c>: the sequence number of the last message the client has; 0 (all) when absent or not a number.</summary>
    public static int Read(HttpRequest request)
        => int.TryParse(request.Query["after"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after) ? after : 0;
}
