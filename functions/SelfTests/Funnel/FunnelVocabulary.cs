namespace Steunpunt.SelfTests.Funnel;

/// <summary>The closed lists the funnel is counted by. Anything else is refused, so the insights stay clean.</summary>
public static class FunnelVocabulary
{
    public const string Viewed = "viewed";
    public const string Started = "started";
    public const string Completed = "completed";

    /// <summary>Events the widget reports; the response endpoint records completion (and contact requests) itself.</summary>
    public static readonly IReadOnlyList<string> WidgetEvents = [Viewed, Started];

    public static readonly IReadOnlyList<string> Sources = ["website", "facebook", "email", "chat"];
    public const string DefaultSource = "website";

    public static readonly IReadOnlyList<string> Genders = ["female", "male", "other"];
    public static readonly IReadOnlyList<string> AgeBands = ["under-18", "18-29", "30-49", "50-64", "65-plus"];
    public static readonly IReadOnlyList<string> Languages = ["nl", "en"];
}
