using Steunpunt.Common.Http;

namespace Steunpunt.SelfTests.Scoring;

/// <summary>The result of one completed test: a score where the test has one, and the advice that applies.</summary>
public sealed record ScoringResult(int? Score, int? Cutoff, bool? Positive, IReadOnlyList<Questionnaire.AdviceRule> Advice);

/// <summary>Either a result or, per answer, what is wrong with it.</summary>
public readonly record struct ScoringOutcome(ScoringResult? Result, IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>Validates a set of answers against a questionnaire and scores it. Pure: no I/O, no clock, no randomness.</summary>
public static class SelfTestScorer
{
    public static ScoringOutcome Score(Questionnaire questionnaire, IReadOnlyDictionary<string, string> answers)
    {
        var items = questionnaire.Items;
        Span<byte> chosen = stackalloc byte[items.Count];
        Dictionary<string, string[]>? errors = null;
        var found = 0;

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!answers.TryGetValue(item.Id, out var value) || value is null)
            {
                (errors ??= new())[$"answers.{item.Id}"] = ["Deze vraag is niet beantwoord."];
                continue;
            }
            found++;
            var option = item.IndexOf(value);
            if (option < 0)
            {
                (errors ??= new())[$"answers.{item.Id}"] = [$"'{Problem.Echo(value)}' is geen geldig antwoord; kies uit: {string.Join(", ", item.Options)}."];
                continue;
            }
            chosen[i] = (byte)option;
        }
        if (answers.Count > found)
        {
            foreach (var key in answers.Keys)
            {
                if (!questionnaire.ItemIndex.ContainsKey(key)) (errors ??= new())[$"answers.{Problem.Echo(key)}"] = ["Deze vraag bestaat niet in deze test."];
            }
        }
        if (errors is not null) return new ScoringOutcome(null, errors);

        int? score = null;
        bool? positive = null;
        if (questionnaire.Cutoff is { } cutoff)
        {
            var count = 0;
            foreach (var option in chosen)
            {
                if (option == questionnaire.CountOption) count++;
            }
            score = count;
            positive = count >= cutoff;
        }

        var state = new ScoringState(chosen, positive ?? false);
        var advice = new List<Questionnaire.AdviceRule>(4);
        foreach (var entry in questionnaire.Advice)
        {
            if (entry.When.Evaluate(state)) advice.Add(entry);
        }
        return new ScoringOutcome(new ScoringResult(score, questionnaire.Cutoff, positive, advice), null);
    }
}
