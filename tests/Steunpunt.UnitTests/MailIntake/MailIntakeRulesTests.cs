using Azure.Data.Tables;
using Steunpunt.MailIntake;
using Steunpunt.MailIntake.Cases;
using Steunpunt.MailIntake.Insights;
using Steunpunt.MailIntake.Staff;

namespace Steunpunt.UnitTests.MailIntake;

public class MailIntakeRulesTests
{
    private static MailIntakeForm Form(string address = "anna@example.org", string question = "Mijn vraag", string? name = null, string? crimeType = null, string? language = null)
        => new(address, question, true, name, crimeType, language);

    [Theory]
    [InlineData("Anna@Example.org", "anna@example.org")]
    [InlineData(" anna@example.org ", "anna@example.org")]
    [InlineData("anna", null)]
    [InlineData("anna@localhost", null)]
    [InlineData("Anna <anna@example.org>", null)]
    [InlineData("anna@example.org\r\nBcc: x@example.org", null)]
    public void Reply_addresses_are_bare_and_compared_in_lower_case(string input, string? expected)
        => Assert.Equal(expected, MailIntakeRules.NormaliseAddress(input));

    [Theory]
    [InlineData("Anna\r\nBcc: x@example.org", "name")]
    [InlineData("Anna\u0000", "name")]
    public void Control_characters_in_a_name_are_refused_so_no_header_can_be_added(string name, string field)
    {
        var errors = MailIntakeRules.Check(Form(name: name), 5000);
        Assert.NotNull(errors);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void A_valid_form_passes()
        => Assert.Null(MailIntakeRules.Check(Form(name: "Anna <b>", crimeType: "fraud", language: "en"), 5000));

    [Theory]
    [InlineData("anna@example.org", "Mijn vraag", null, "ufo", null, "crimeType")]
    [InlineData("anna@example.org", "", null, null, null, "question")]
    [InlineData("anna@example.org", "   ", null, null, null, "question")]
    [InlineData("anna@example.org", "Mijn vraag", null, null, "de", "language")]
    [InlineData("anna", "Mijn vraag", "Anna\u0007", null, null, "name,replyAddress")]
    public void Each_bad_field_is_named_and_only_those(string address, string question, string? name, string? crimeType, string? language, string fields)
    {
        var errors = MailIntakeRules.Check(Form(address, question, name, crimeType, language), 5000);
        Assert.NotNull(errors);
        Assert.Equal(fields.Split(','), errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_question_over_the_maximum_length_is_named()
    {
        var errors = MailIntakeRules.Check(Form(question: new string('x', 5001)), 5000);
        Assert.NotNull(errors);
        Assert.Equal(["question"], errors.Keys);
        Assert.Equal(["Uw bericht mag hoogstens 5000 tekens zijn."], errors["question"]);
    }

    [Fact]
    public void A_reference_is_short_readable_and_stable_per_case()
    {
        var id = Guid.NewGuid();
        var reference = MailIntakeRules.Reference(id);
        Assert.Matches("^SP-[A-HJ-NP-Z2-9]{8}$", reference);
        Assert.Equal(reference, MailIntakeRules.Reference(id));
    }

    [Theory]
    [InlineData("2026-11-27", 3, "2026-12-02")] // Friday + 3 working days = Wednesday
    [InlineData("2026-11-28", 1, "2026-11-30")] // Saturday + 1 = Monday
    public void Answer_dates_count_working_days(string from, int days, string expected)
        => Assert.Equal(DateOnly.Parse(expected), WorkingDays.After(DateOnly.Parse(from), days));

    [Fact]
    public void Staff_html_is_sanitised_and_gets_a_plain_text_alternative()
    {
        var (html, text) = ReplyContent.From(
            "<p onclick=\"x()\">Beste Anna,</p><script>alert(1)</script><p>Zie <a href=\"javascript:alert(1)\">dit</a> en <a href=\"https://www.politie.nl\">politie</a>.</p><ul><li>een</li><li>twee</li></ul><img src=x onerror=alert(1)>",
            null);

        Assert.DoesNotContain("script", html);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("<a href=\"https://www.politie.nl\">politie</a>", html);
        Assert.Equal("Beste Anna,\n\nZie dit en politie (https://www.politie.nl).\n\n- een\n- twee", text);
    }

    [Fact]
    public void Plain_text_replies_stay_text_and_become_encoded_html_in_the_mail()
    {
        var (html, text) = ReplyContent.From(null, "Gebruik <b> niet.\n\nGroet");
        Assert.Null(html);
        Assert.Equal("<p>Gebruik &lt;b&gt; niet.</p><p>Groet</p>", MailTexts.Html(text));
    }

    [Fact]
    public void Insights_count_new_and_repeat_contact_and_compare_the_crime_mix_with_the_baseline()
    {
        static TableEntity Row(string month, string crimeType, bool repeat, long? secondsToAnswer = null, int? score = null)
        {
            var row = new TableEntity(month, Guid.NewGuid().ToString("N")) { ["CrimeType"] = crimeType, ["RepeatContact"] = repeat, ["ReceivedAt"] = DateTimeOffset.UtcNow };
            if (secondsToAnswer is not null) row["SecondsToFirstAnswer"] = secondsToAnswer;
            if (score is not null) row["Satisfaction"] = score;
            return row;
        }
        var rows = new[]
        {
            Row("202610", "sexual-offence", false, 3600, 5), Row("202610", "violence", true, 7200, 2), Row("202611", "violence", false), Row("202611", "", false),
        };

        var insights = MailInsightsQuery.Summarise("202610", "202611", rows, new Dictionary<string, double> { ["sexual-offence"] = 0.03, ["burglary"] = 0.2 });

        Assert.Equal(4, insights.Mails);
        Assert.Equal([new MonthCount("2026-10", 2, 1, 1), new MonthCount("2026-11", 2, 2, 0)], insights.PerMonth);
        Assert.Equal(new ContactCounts(3, 1, 0.75), insights.Contact);
        Assert.Contains(new CrimeTypeShare("sexual-offence", 1, 0.25, 0.03), insights.CrimeTypes);
        Assert.Contains(new CrimeTypeShare("burglary", 0, 0, 0.2), insights.CrimeTypes);
        Assert.Contains(new CrimeTypeShare("unknown", 1, 0.25, null), insights.CrimeTypes);
        Assert.Equal(new AnswerTimes(2, 1, 2), insights.FirstAnswer);
        Assert.Equal(new MailSatisfactionSummary(2, 3.5, 0.5), insights.Satisfaction);
    }
}
