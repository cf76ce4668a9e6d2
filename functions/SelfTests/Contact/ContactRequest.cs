using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Steunpunt.Common.Json;

namespace Steunpunt.SelfTests.Contact;

public static class ContactRequestStatus
{
    public const string New = "new";
    public const string Handled = "handled";
    /// <summary>The contact detail was erased (retention period over) before anyone handled the request.</summary>
    public const string Expired = "expired";
}

/// <summary>A staff member who opened a request (and so saw its contact detail), and when.</summary>
public sealed record ContactRequestOpening(string StaffId, string? StaffName, DateTimeOffset At);

/// <summary>A stored contact request as staff work with it. <see cref="Contact"/> is null once the purge erased it.</summary>
public sealed class ContactRequest
{
    /// <summary>The openings kept on the row; the oldest go first past this (the count stays exact).</summary>
    public const int MaxOpeningsKept = 50;

    public required string Id { get; init; }
    public required string DayKey { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public string TestId { get; init; } = "";
    public int TestVersion { get; init; }
    public string Channel { get; init; } = "";
    public string? Contact { get; init; }
    public DateTimeOffset? ContactErasedAt { get; init; }
    public string Language { get; init; } = "nl";
    public bool? ScreenPositive { get; init; }
    public IReadOnlyList<string> AdviceIds { get; init; } = [];
    public string Status { get; set; } = ContactRequestStatus.New;
    public List<ContactRequestOpening> Openings { get; init; } = [];
    public int OpenCount { get; set; }
    public DateTimeOffset? HandledAt { get; set; }
    public string? HandledBy { get; set; }
    public string? HandledByName { get; set; }
    public ETag ETag { get; set; }

    public void RecordOpening(ContactRequestOpening opening)
    {
        Openings.Add(opening);
        if (Openings.Count > MaxOpeningsKept) Openings.RemoveRange(0, Openings.Count - MaxOpeningsKept);
        OpenCount++;
    }

    /// <summary>What staff change (status, openings, handling): written with the row's ETag, so two writers never lose each other's change.</summary>
    public TableEntity StaffFields() => new(DayKey, Id)
    {
        ["Status"] = Status,
        ["Openings"] = JsonSerializer.Serialize(Openings, JsonDefaults.Web),
        ["OpenCount"] = OpenCount,
        ["HandledAt"] = HandledAt,
        ["HandledBy"] = HandledBy,
        ["HandledByName"] = HandledByName,
    };

    public static ContactRequest FromEntity(TableEntity e) => new()
    {
        Id = e.RowKey,
        DayKey = e.PartitionKey,
        RequestedAt = e.GetDateTimeOffset("RequestedAt") ?? default,
        TestId = e.GetString("TestId") ?? "",
        TestVersion = e.GetInt32("TestVersion") ?? 0,
        Channel = e.GetString("Channel") ?? "",
        Contact = string.IsNullOrEmpty(e.GetString("Contact")) ? null : e.GetString("Contact"),
        ContactErasedAt = e.GetDateTimeOffset("ContactErasedAt"),
        Language = e.GetString("Language") ?? "nl",
        ScreenPositive = e.GetBoolean("ScreenPositive"),
        AdviceIds = (e.GetString("AdviceIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        Status = e.GetString("Status") ?? ContactRequestStatus.New,
        Openings = string.IsNullOrEmpty(e.GetString("Openings")) ? [] : JsonSerializer.Deserialize<List<ContactRequestOpening>>(e.GetString("Openings"), JsonDefaults.Web) ?? [],
        OpenCount = e.GetInt32("OpenCount") ?? 0,
        HandledAt = e.GetDateTimeOffset("HandledAt"),
        HandledBy = e.GetString("HandledBy"),
        HandledByName = e.GetString("HandledByName"),
        ETag = e.ETag,
    };
}

/// <summary>An open request in the staff list: what staff need to choose one, never the contact detail.</summary>
public sealed record ContactRequestSummary(
    string Id, DateTimeOffset RequestedAt, string TestId, int TestVersion, string Channel, string Language, bool? ScreenPositive,
    IReadOnlyList<string> AdviceIds, DateTimeOffset? LastOpenedAt, string? LastOpenedBy);

/// <summary>One request as staff see it when they open it: with the contact detail (null once erased) and who opened or handled it.</summary>
public sealed record ContactRequestView(
    string Id, string Status, DateTimeOffset RequestedAt, string TestId, int TestVersion, string Channel, string? Contact,
    DateTimeOffset? ContactErasedAt, string Language, bool? ScreenPositive, IReadOnlyList<string> AdviceIds,
    int OpenCount, IReadOnlyList<ContactRequestOpening> Openings, DateTimeOffset? HandledAt, string? HandledBy, string? HandledByName)
{
    public static ContactRequestView From(ContactRequest r) => new(
        r.Id, r.Status, r.RequestedAt, r.TestId, r.TestVersion, r.Channel, r.Contact, r.ContactErasedAt, r.Language, r.ScreenPositive, r.AdviceIds,
        r.OpenCount, r.Openings, r.HandledAt, r.HandledBy, r.HandledByName);
}
