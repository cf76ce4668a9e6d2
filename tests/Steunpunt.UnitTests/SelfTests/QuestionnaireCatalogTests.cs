using Steunpunt.SelfTests;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.UnitTests.SelfTests;

public class QuestionnaireCatalogTests
{
    [Fact]
    public void Loads_the_shipped_questionnaires()
    {
        var catalog = new QuestionnaireCatalog(QuestionnaireCatalog.Load(new SelfTestOptions()));
        Assert.Equal(["advice-test", "trauma-screen"], catalog.Current.Select(q => q.Id));
    }
}
