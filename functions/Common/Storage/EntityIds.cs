namespace Steunpunt.Common.Storage;

/// <summary>Ids the app hands out for rows (chats, mail cases): GUIDs in "N" form. Anything else never reaches a query.</summary>
public static class EntityIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsWellFormed(string? id) => id is { Length: 32 } && Guid.TryParseExact(id, "N", out _);
}
