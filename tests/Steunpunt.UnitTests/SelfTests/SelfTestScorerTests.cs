using Steunpunt.SelfTests;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.UnitTests.SelfTests;

public class SelfTestScorerTests
{
    private static readonly QuestionnaireCatalog Catalog = new(QuestionnaireCatalog.Load(new SelfTestOptions()));

    internal static Dictionary<string, string> TraumaAnswers(int yes)
        => Enumerable.Range(1, 10).ToDictionary(i => $"q{i}", i => i <= yes ? "yes" : "no");

    private static Dictionary<string, string> Advice(string crime = "burglary", string injury = "no", string damage = "no", string report = "yes", string coping = "well")
        => new() { ["crime-type"] = crime, ["injury"] = injury, ["financial-damage"] = damage, ["police-report"] = report, ["coping"] = coping };

    private static IReadOnlyList<string> AdviceIds(string test, Dictionary<string, string> answers)
        => SelfTestScorer.Score(Catalog.FindCurrent(test)!, answers).Result!.Advice.Select(a => a.Id).ToList();

    [Theory]
    [InlineData(0, false)]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(10, true)]
    public void Trauma_screen_is_positive_from_six_yes_answers(int yes, bool positive)
    {
        var result = SelfTestScorer.Score(Catalog.FindCurrent("trauma-screen")!, TraumaAnswers(yes)).Result!;
        Assert.Equal(yes, result.Score);
        Assert.Equal(6, result.Cutoff);
        Assert.Equal(positive, result.Positive);
        Assert.Equal(positive ? "screen-positive" : "screen-negative", result.Advice[0].Id);
        Assert.Equal("talk-to-us", result.Advice[^1].Id);
    }

    [Fact]
    public void A_configured_cutoff_replaces_the_default()
    {
        var catalog = new QuestionnaireCatalog(QuestionnaireCatalog.Load(new SelfTestOptions { Cutoffs = new() { ["trauma-screen"] = 7 } }));
        var result = SelfTestScorer.Score(catalog.FindCurrent("trauma-screen")!, TraumaAnswers(6)).Result!;
        Assert.Equal(7, result.Cutoff);
        Assert.False(result.Positive);
    }

    [Fact]
    public void A_cutoff_for_an_unknown_test_stops_the_app()
    {
        var error = Assert.Throws<InvalidOperationException>(() => QuestionnaireCatalog.Load(new SelfTestOptions { Cutoffs = new() { ["nope"] = 3 } }).ToList());
        Assert.Contains("SelfTests__Cutoffs__nope", error.Message);
    }

    [Fact]
    public void Scoring_is_deterministic()
    {
        var answers = Advice("violence", injury: "yes", damage: "yes", report: "undecided", coping: "struggling");
        var first = AdviceIds("advice-test", answers);
        for (var i = 0; i < 100; i++) Assert.Equal(first, AdviceIds("advice-test", new Dictionary<string, string>(answers.Reverse())));
    }

    [Fact]
    public void Advice_test_with_nothing_special_only_offers_to_talk()
        => Assert.Equal(["talk-to-us"], AdviceIds("advice-test", Advice()));

    [Fact]
    public void Violence_with_injury_points_to_gp_and_compensation_fund()
        => Assert.Equal(["see-gp", "compensation-fund", "talk-to-us"], AdviceIds("advice-test", Advice("violence", injury: "yes")));

    [Fact]
    public void Burglary_with_injury_gets_no_compensation_fund()
        => Assert.DoesNotContain("compensation-fund", AdviceIds("advice-test", Advice("burglary", injury: "yes")));

    [Fact]
    public void Financial_damage_points_to_a_legal_adviser()
        => Assert.Contains("legal-adviser", AdviceIds("advice-test", Advice(damage: "yes")));

    [Theory]
    [InlineData("no", "fraud", true)]
    [InlineData("undecided", "stalking", true)]
    [InlineData("yes", "fraud", false)]
    [InlineData("no", "traffic-accident", false)]
    public void Help_with_reporting_is_offered_when_not_reported(string report, string crime, bool offered)
        => Assert.Equal(offered, AdviceIds("advice-test", Advice(crime, report: report)).Contains("police-report-help"));

    [Fact]
    public void Missing_invalid_and_unknown_answers_are_each_named()
    {
        var answers = TraumaAnswers(3);
        answers.Remove("q2");
        answers["q4"] = "misschien";
        answers["q11"] = "yes";
        var outcome = SelfTestScorer.Score(Catalog.FindCurrent("trauma-screen")!, answers);
        Assert.Null(outcome.Result);
        Assert.Equal(["answers.q11", "answers.q2", "answers.q4"], outcome.Errors!.Keys.Order());
        Assert.Contains("yes, no", outcome.Errors["answers.q4"][0]);
    }

    [Fact]
    public void An_unknown_answer_key_is_reported_even_when_all_items_are_answered()
    {
        var answers = TraumaAnswers(10);
        answers["extra"] = "yes";
        Assert.Equal(["answers.extra"], SelfTestScorer.Score(Catalog.FindCurrent("trauma-screen")!, answers).Errors!.Keys);
    }
}
