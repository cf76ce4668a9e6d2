using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Steunpunt.Common.Http;

/// <summary>Which page a list is asked for: how many items, and the row key of the last item the reader has (null: from the start).</summary>
public readonly record struct PageRequest(int Limit, string? After);

/// <summary>
/// Reads <c>?limit=</c> (1 to <see cref="MaxLimit"/>, default <see cref="DefaultLimit"/>) and <c>?cursor=</c> (the
/// <c>cursor</c> of the previous answer). A cursor is the last row key in base64url: opaque to clients, so they
/// cannot make one up, and checked against the list's key shape before it reaches a query.
/// </summary>
public static class PageQuery
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    private const int MaxCursorLength = 200;

    public static (PageRequest Page, ProblemResult? Problem) Read(HttpRequest request, Func<string, bool> isRowKey)
    {
        var (page, errors) = Parse(request.Query["limit"].ToString(), request.Query["cursor"].ToString(), isRowKey);
        return (page, errors is null ? null : Http.Problem.Validation("Deze pagina kan niet worden opgevraagd: " + string.Join(" ", errors.Values.SelectMany(v => v)), errors));
    }

    /// <returns>The page, or the Dutch error text per parameter.</returns>
    public static (PageRequest Page, IReadOnlyDictionary<string, string[]>? Errors) Parse(string? limit, string? cursor, Func<string, bool> isRowKey)
    {
        var errors = new Dictionary<string, string[]>();
        var size = DefaultLimit;
        if (!string.IsNullOrEmpty(limit)
            && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) && size is >= 1 and <= MaxLimit))
        {
            errors["limit"] = [$"Kies voor 'limit' een geheel getal van 1 tot en met {MaxLimit}."];
        }
        string? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            after = Decode(cursor);
            if (after is null || !isRowKey(after)) errors["cursor"] = ["Deze 'cursor' is ongeldig: gebruik de cursor uit het vorige antwoord, of laat hem weg voor de eerste pagina."];
        }
        return errors.Count > 0 ? (default, errors) : (new PageRequest(size, after), null);
    }

    /// <summary>The cursor to hand out for the page after <paramref name="rowKey"/>; null when there is no next page.</summary>
    public static string? Cursor(string? rowKey) => rowKey is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(rowKey));

    private static string? Decode(string cursor)
    {
        // TryDecodeFromChars throws on characters outside the alphabet rather than answering false: check first.
        if (cursor.Length > MaxCursorLength || !Base64Url.IsValid(cursor)) return null;
        var bytes = new byte[Base64Url.GetMaxDecodedLength(cursor.Length)];
        if (!Base64Url.TryDecodeFromChars(cursor, bytes, out var written)) return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
