using System.Diagnostics;
using Steunpunt.SelfTests;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.Bench.Scoring;

/// <summary>Operations per second over several rounds.</summary>
public sealed record ThroughputRounds(IReadOnlyList<double> PerSecond)
{
    public double Best => PerSecond.Max();
    public double Median => Stats.Median(PerSecond);
}

/// <param name="BytesPerScore">Heap allocated per call: steady where throughput on a shared machine is not.</param>
public sealed record ScoringFigures(ThroughputRounds Scoring, ThroughputRounds Floor, double BytesPerScore, int AnswerSets, IReadOnlyList<string> Questionnaires)
{
    public const double Target = 1_000_000;
}

/// <summary>
/// Single-threaded throughput of <see cref="SelfTestScorer.Score"/> on the shipped questionnaires, next to a floor:
/// a loop that does only the answers' dictionary look-ups, the least work any scorer must do.
/// </summary>
public static class ScoringBenchmark
{
    public const int Rounds = 5;
    public static readonly TimeSpan RoundLength = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    // Small enough that a round overshoots its length by microseconds, big enough that the clock is not what we measure.
    private const int BatchSize = 4096;
    private const int SetsPerQuestionnaire = 16;

    // Results are folded in here, so the JIT cannot drop the work as unused.
    private static long sink;

    public static ScoringFigures Run(TextWriter progress)
    {
        var questionnaires = new QuestionnaireCatalog(QuestionnaireCatalog.Load(new SelfTestOptions())).Current.ToList();
        var sets = AnswerSets.Build(questionnaires, SetsPerQuestionnaire)
            .Select(s => (s.Questionnaire, Answers: (IReadOnlyDictionary<string, string>)s.Answers))
            .ToArray();
        progress.WriteLine($"Scoring: {sets.Length} answer sets over {string.Join(", ", questionnaires.Select(q => $"{q.Id} v{q.Version}"))}; warming up.");

        Measure(count => ScoreBatch(sets, count), WarmUp);
        Measure(count => LookupBatch(sets, count), WarmUp);

        // Rounds alternate between the two loops, so a noisy moment on the machine hits both.
        var scoring = new List<double>();
        var floor = new List<double>();
        for (var round = 1; round <= Rounds; round++)
        {
            scoring.Add(Measure(count => ScoreBatch(sets, count), RoundLength));
            floor.Add(Measure(count => LookupBatch(sets, count), RoundLength));
            progress.WriteLine($"Scoring: round {round}/{Rounds}: {scoring[^1]:N0} scorings/s (floor {floor[^1]:N0}/s).");
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        sink ^= ScoreBatch(sets, BatchSize);
        var bytesPerScore = (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / BatchSize;

        return new ScoringFigures(new ThroughputRounds(scoring), new ThroughputRounds(floor), bytesPerScore, sets.Length,
            questionnaires.Select(q => $"{q.Id} v{q.Version}").ToList());
    }

    private static double Measure(Func<int, long> batch, TimeSpan length)
    {
        long operations = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < length)
        {
            sink ^= batch(BatchSize);
            operations += BatchSize;
        }
        return operations / watch.Elapsed.TotalSeconds;
    }

    private static long ScoreBatch((Questionnaire Questionnaire, IReadOnlyDictionary<string, string> Answers)[] sets, int count)
    {
        long folded = 0;
        for (var i = 0; i < count; i++)
        {
            var (questionnaire, answers) = sets[i % sets.Length];
            var result = SelfTestScorer.Score(questionnaire, answers).Result!;
            folded += result.Advice.Count + (result.Score ?? 0);
        }
        return folded;
    }

    /// <summary>The same look-ups the scorer starts with, through the same interface, and nothing else.</summary>
    private static long LookupBatch((Questionnaire Questionnaire, IReadOnlyDictionary<string, string> Answers)[] sets, int count)
    {
        long folded = 0;
        for (var i = 0; i < count; i++)
        {
            var (questionnaire, answers) = sets[i % sets.Length];
            var items = questionnaire.Items;
            for (var j = 0; j < items.Count; j++)
            {
                if (answers.TryGetValue(items[j].Id, out var value)) folded += value.Length;
            }
        }
        return folded;
    }
}
