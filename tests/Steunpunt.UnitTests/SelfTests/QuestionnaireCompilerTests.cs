using Steunpunt.SelfTests;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.UnitTests.SelfTests;

public class QuestionnaireCompilerTests
{
    private const string Valid = """
        {
          "id": "mini", "version": 1,
          "title": {"nl": "Mini"}, "description": {"nl": "Test"},
          "items": [ {"id": "a", "type": "yesNo", "text": {"nl": "A?"}}, {"id": "b", "type": "yesNo", "text": {"nl": "B?"}} ],
          "scoring": {"method": "count", "value": "yes", "cutoff": 2},
          "advice": [ {"id": "hit", "when": {"screen": "positive"}, "title": {"nl": "T"}, "text": {"nl": "X"}} ]
        }
        """;

    private static Questionnaire Compile(string json) => QuestionnaireCompiler.Compile(QuestionnaireCompiler.Parse(json, "mini.v1.json"), null, "mini.v1.json");

    [Fact]
    public void A_valid_file_compiles() => Assert.Equal(2, Compile(Valid).Cutoff);

    [Theory]
    [InlineData("\"cutoff\": 2", "\"cutoff\": 3", "cut-off 3")]
    [InlineData("{\"screen\": \"positive\"}", "{\"answer\": \"zz\", \"in\": [\"yes\"]}", "unknown item 'zz'")]
    [InlineData("{\"screen\": \"positive\"}", "{\"answer\": \"a\", \"in\": [\"maybe\"]}", "'maybe' is not an option")]
    [InlineData("{\"screen\": \"positive\"}", "{\"screen\": \"positive\", \"not\": {\"screen\": \"negative\"}}", "exactly one of")]
    [InlineData("\"id\": \"b\"", "\"id\": \"a\"", "used twice")]
    [InlineData("\"type\": \"yesNo\", \"text\": {\"nl\": \"B?\"}", "\"type\": \"scale\", \"text\": {\"nl\": \"B?\"}", "unknown type 'scale'")]
    public void Mistakes_in_a_file_are_named(string find, string replace, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => Compile(Valid.Replace(find, replace)));
        Assert.Contains("mini.v1.json", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Unknown_properties_are_refused() =>
        Assert.Throws<InvalidDataException>(() => Compile(Valid.Replace("\"version\": 1", "\"version\": 1, \"colour\": \"red\"")));

    [Fact]
    public void A_licensed_wording_drops_in_as_a_new_version_without_code()
    {
        // An organisation with a licence adds the validated wording as version 2 in its own folder.
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            var shipped = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, QuestionnaireCatalog.ShippedFolder, "trauma-screen.v1.json"));
            var licensed = shipped.Replace("\"version\": 1", "\"version\": 2").Replace("\"source\": \"own-words\"", "\"source\": \"licensed\"");
            File.WriteAllText(Path.Combine(folder.FullName, "trauma-screen.v2.json"), licensed);

            var catalog = new QuestionnaireCatalog(QuestionnaireCatalog.Load(new SelfTestOptions { ExtraQuestionnaireDirectory = folder.FullName }));
            Assert.Equal(2, catalog.FindCurrent("trauma-screen")!.Version);
            Assert.Equal("licensed", catalog.FindCurrent("trauma-screen")!.File.Wording!.Source);
            Assert.NotNull(catalog.Find("trauma-screen", 1));
            Assert.Equal([1, 2], catalog.VersionsOf("trauma-screen"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_file_must_be_named_after_its_id_and_version()
    {
        var folder = Directory.CreateTempSubdirectory();
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "something.json"), Valid);
            var error = Assert.Throws<InvalidDataException>(() => QuestionnaireCatalog.Load(new SelfTestOptions { ExtraQuestionnaireDirectory = folder.FullName }).ToList());
            Assert.Contains("must be named 'mini.v1.json'", error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Shipped_texts_have_dutch_and_english()
    {
        foreach (var questionnaire in QuestionnaireCatalog.Load(new SelfTestOptions()))
        {
            var f = questionnaire.File;
            var texts = new[] { f.Title, f.Description }.Concat(f.Items.Select(i => i.Text))
                .Concat(f.Items.SelectMany(i => i.Options ?? []).Select(o => o.Text))
                .Concat(f.Advice.SelectMany(a => new[] { a.Title, a.Text }));
            Assert.All(texts, t => Assert.False(string.IsNullOrWhiteSpace(t.Nl) || string.IsNullOrWhiteSpace(t.En), $"{f.Id}: {t}"));
        }
    }
}
