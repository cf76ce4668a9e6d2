namespace Steunpunt.SelfTests.Scoring;

/// <summary>Text in Dutch (required) and English (optional; Dutch is shown when it is missing).</summary>
public sealed record LocalizedText(string Nl, string? En = null)
{
    public string For(string language) => language == "en" && !string.IsNullOrEmpty(En) ? En : Nl;
}

/// <summary>
/// A questionnaire as it is written in a data file (<c>Questionnaires/{id}.v{version}.json</c>). Texts are data,
/// so an organisation can ship an instrument's licensed wording as a new version file without a code change.
/// </summary>
public sealed record QuestionnaireFile
{
    public required string Id { get; init; }
    public required int Version { get; init; }
    public required LocalizedText Title { get; init; }
    public required LocalizedText Description { get; init; }
    public LocalizedText? Instructions { get; init; }
    /// <summary>Shown with every result (for a screen: that it screens and does not diagnose).</summary>
    public LocalizedText? Notice { get; init; }
    public WordingSource? Wording { get; init; }
    public required IReadOnlyList<ItemFile> Items { get; init; }
    public ScoringFile? Scoring { get; init; }
    public required IReadOnlyList<AdviceFile> Advice { get; init; }
}

/// <summary>Where the item texts come from: our own words, or an instrument's licensed wording.</summary>
public sealed record WordingSource(string Source, string? Attribution = null);

public sealed record ItemFile
{
    public required string Id { get; init; }
    /// <summary><c>yesNo</c> (options yes/no) or <c>choice</c> (options listed).</summary>
    public required string Type { get; init; }
    public required LocalizedText Text { get; init; }
    public IReadOnlyList<OptionFile>? Options { get; init; }
}

public sealed record OptionFile(string Value, LocalizedText Text);

/// <summary>
/// <c>count</c>: the score is the number of items answered <see cref="Value"/>; at or above
/// <see cref="Cutoff"/> the screen is positive. The cut-off can be overridden per test in settings.
/// </summary>
public sealed record ScoringFile(string Method, string Value, int Cutoff);

public sealed record AdviceFile
{
    public required string Id { get; init; }
    public ConditionFile? When { get; init; }
    public required LocalizedText Title { get; init; }
    public required LocalizedText Text { get; init; }
    public LinkFile? Link { get; init; }
}

public sealed record LinkFile(string Url, LocalizedText Label);

/// <summary>
/// One of: <c>{"answer": "item", "in": ["a","b"]}</c>, <c>{"screen": "positive"|"negative"}</c>,
/// <c>{"all": [...]}</c>, <c>{"any": [...]}</c>, <c>{"not": {...}}</c>.
/// </summary>
public sealed record ConditionFile
{
    public string? Answer { get; init; }
    public IReadOnlyList<string>? In { get; init; }
    public string? Screen { get; init; }
    public IReadOnlyList<ConditionFile>? All { get; init; }
    public IReadOnlyList<ConditionFile>? Any { get; init; }
    public ConditionFile? Not { get; init; }
}
