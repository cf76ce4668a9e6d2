namespace Steunpunt.SelfTests.Scoring;

/// <summary>
/// A questionnaire compiled for scoring: answers become option indexes, advice conditions a small tree.
/// Scoring is deterministic: the same answers always give the same score and advice, in file order.
/// </summary>
public sealed class Questionnaire
{
    internal Questionnaire(QuestionnaireFile file, IReadOnlyList<Item> items, int countOption, int? cutoff, IReadOnlyList<AdviceRule> advice)
    {
        File = file;
        Items = items;
        CountOption = countOption;
        Cutoff = cutoff;
        Advice = advice;
        ItemIndex = items.Select((item, index) => (item.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);
    }

    public QuestionnaireFile File { get; }
    public string Id => File.Id;
    public int Version => File.Version;
    public IReadOnlyList<Item> Items { get; }
    public IReadOnlyList<AdviceRule> Advice { get; }
    /// <summary>The screen's cut-off after settings are applied; null for tests without a score.</summary>
    public int? Cutoff { get; }
    internal int CountOption { get; }
    internal IReadOnlyDictionary<string, int> ItemIndex { get; }

    public sealed record Item(string Id, IReadOnlyList<string> Options)
    {
        public int IndexOf(string value)
        {
            for (var i = 0; i < Options.Count; i++)
            {
                if (string.Equals(Options[i], value, StringComparison.Ordinal)) return i;
            }
            return -1;
        }
    }

    public sealed record AdviceRule(string Id, Condition When, AdviceFile Source);
}

/// <summary>What the condition tree sees: each item's chosen option, and whether the screen is positive.</summary>
public readonly ref struct ScoringState(ReadOnlySpan<byte> answers, bool positive)
{
    public ReadOnlySpan<byte> Answers { get; } = answers;
    public bool Positive { get; } = positive;
}

public abstract class Condition
{
    public abstract bool Evaluate(in ScoringState state);

    public static readonly Condition Always = new AlwaysCondition();

    private sealed class AlwaysCondition : Condition
    {
        public override bool Evaluate(in ScoringState state) => true;
    }
}

internal sealed class AnswerInCondition(int item, ulong optionMask) : Condition
{
    public override bool Evaluate(in ScoringState state) => (optionMask & (1UL << state.Answers[item])) != 0;
}

internal sealed class ScreenCondition(bool positive) : Condition
{
    public override bool Evaluate(in ScoringState state) => state.Positive == positive;
}

internal sealed class AllCondition(Condition[] parts) : Condition
{
    public override bool Evaluate(in ScoringState state)
    {
        foreach (var part in parts)
        {
            if (!part.Evaluate(state)) return false;
        }
        return true;
    }
}

internal sealed class AnyCondition(Condition[] parts) : Condition
{
    public override bool Evaluate(in ScoringState state)
    {
        foreach (var part in parts)
        {
            if (part.Evaluate(state)) return true;
        }
        return false;
    }
}

internal sealed class NotCondition(Condition inner) : Condition
{
    public override bool Evaluate(in ScoringState state) => !inner.Evaluate(state);
}
