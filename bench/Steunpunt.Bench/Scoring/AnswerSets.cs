using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.Bench.Scoring;

/// <summary>One valid, complete set of answers to one questionnaire.</summary>
public sealed record AnswerSet(Questionnaire Questionnaire, Dictionary<string, string> Answers);

/// <summary>
/// Deterministic, varied answer sets for every questionnaire: for a screen, the number of counted answers runs
/// from none to all, so both positive and negative screens occur; other tests get pseudo-random options.
/// A fixed seed keeps runs comparable with each other.
/// </summary>
public static class AnswerSets
{
    public static IReadOnlyList<AnswerSet> Build(IEnumerable<Questionnaire> questionnaires, int perQuestionnaire, int seed = 20240601)
    {
        var random = new Random(seed);
        var perTest = questionnaires.Select(q => Enumerable.Range(0, perQuestionnaire).Select(i => For(q, i, perQuestionnaire, random)).ToList()).ToList();

        // Interleave the tests, so a loop over the list does not run one questionnaire's sets back to back.
        var sets = new List<AnswerSet>();
        for (var i = 0; i < perQuestionnaire; i++) sets.AddRange(perTest.Select(list => list[i]));
        CheckVaried(sets);
        return sets;
    }

    private static AnswerSet For(Questionnaire questionnaire, int index, int count, Random random)
    {
        var items = questionnaire.Items;
        var answers = new Dictionary<string, string>();
        if (questionnaire.Cutoff is not null)
        {
            var counted = count == 1 ? items.Count : index * items.Count / (count - 1);
            var positions = Enumerable.Range(0, items.Count).OrderBy(_ => random.Next()).ToArray();
            for (var rank = 0; rank < positions.Length; rank++)
            {
                var item = items[positions[rank]];
                var option = rank < counted ? questionnaire.CountOption : (questionnaire.CountOption + 1) % item.Options.Count;
                answers[item.Id] = item.Options[option];
            }
        }
        else
        {
            foreach (var item in items) answers[item.Id] = item.Options[random.Next(item.Options.Count)];
        }
        return new AnswerSet(questionnaire, answers);
    }

    /// <summary>A benchmark on answers that do not score, or that are all alike, would measure the wrong thing.</summary>
    private static void CheckVaried(IReadOnlyList<AnswerSet> sets)
    {
        var screens = new HashSet<bool?>();
        foreach (var set in sets)
        {
            var outcome = SelfTestScorer.Score(set.Questionnaire, set.Answers);
            if (outcome.Result is not { } result)
            {
                throw new InvalidOperationException($"A generated answer set for '{set.Questionnaire.Id}' does not score: {string.Join("; ", outcome.Errors!.Keys)}.");
            }
            if (result.Positive is { } positive) screens.Add(positive);
        }
        if (!screens.Contains(true) || !screens.Contains(false))
        {
            throw new InvalidOperationException("The generated answer sets do not include both a positive and a negative screen.");
        }
    }
}
