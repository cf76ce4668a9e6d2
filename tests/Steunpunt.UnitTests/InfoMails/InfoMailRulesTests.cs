using System.ComponentModel.DataAnnotations;
using Steunpunt.InfoMails;

namespace Steunpunt.UnitTests.InfoMails;

/// <summary>Staff input (§5 bad input): addresses, names, crime types and blocks; settings; ids.</summary>
public class InfoMailRulesTests
{
    private static (ValidInfoMailRequest? Valid, IReadOnlyDictionary<string, string[]> Errors) Validate(InfoMailRequest request, bool recipientRequired = true)
        => InfoMailRules.Validate(request, InfoMailContent.Shipped, recipientRequired);

    [Theory]
    [InlineData("slachtoffer@example.nl")]
    [InlineData("  slachtoffer+info@sub.example.org ")]
    public void A_bare_address_is_accepted(string address)
    {
        var (valid, errors) = Validate(new InfoMailRequest("violence", "nl", address));
        Assert.Empty(errors);
        Assert.Equal(address.Trim(), valid!.Recipient);
    }

    [Theory]
    [InlineData("Anna <anna@example.nl>")]
    [InlineData("anna@example.nl, bert@example.nl")]
    [InlineData("anna@example.nl\r\nBcc: bert@example.nl")]
    [InlineData("anna@example.nl\nBcc:bert@example.nl")]
    [InlineData("anna @example.nl")]
    [InlineData("anna@localhost")]
    [InlineData("anna")]
    [InlineData("\"anna\"@example.nl (commentaar)")]
    [InlineData("")]
    [InlineData(null)]
    public void A_malformed_or_missing_address_is_refused(string? address)
    {
        var (valid, errors) = Validate(new InfoMailRequest("violence", "nl", address));
        Assert.Null(valid);
        Assert.Contains("recipient", errors.Keys);
    }

    [Fact]
    public void A_preview_needs_no_address_but_checks_one_that_is_given()
    {
        Assert.Empty(Validate(new InfoMailRequest("fraud", "en"), recipientRequired: false).Errors);
        Assert.Contains("recipient", Validate(new InfoMailRequest("fraud", "en", "geen adres"), recipientRequired: false).Errors.Keys);
    }

    [Theory]
    [InlineData("Anna\r\nBcc: x@example.nl")]
    [InlineData("Anna\nde Vries")]
    [InlineData("Anna\rde Vries")]
    [InlineData("Anna\tde Vries")]
    [InlineData("Anna\0")]
    [InlineData("Anna\u0085de Vries")]
    [InlineData("Anna\u2028de Vries")]
    [InlineData("Anna\u202Eseirv ed")]
    public void A_name_with_line_breaks_or_control_characters_is_refused(string name)
    {
        var (valid, errors) = Validate(new InfoMailRequest("violence", "nl", "a@example.nl", name));
        Assert.Null(valid);
        Assert.Contains("regeleinden", Assert.Single(errors["name"]));
    }

    [Fact]
    public void A_long_name_is_refused_and_html_in_a_name_is_accepted_for_encoding()
    {
        Assert.Contains("name", Validate(new InfoMailRequest("violence", "nl", "a@example.nl", new string('a', 101))).Errors.Keys);
        var (valid, _) = Validate(new InfoMailRequest("violence", "nl", "a@example.nl", " <b>Anna</b> "));
        Assert.Equal("<b>Anna</b>", valid!.Draft.Name);
    }

    [Fact]
    public void An_unknown_crime_type_language_or_block_is_named()
    {
        var (valid, errors) = Validate(new InfoMailRequest("shoplifting", "de", "a@example.nl", null, ["privacy", "horoscoop"]));
        Assert.Null(valid);
        Assert.Contains("'shoplifting'", errors["crimeType"][0]);
        Assert.Contains("violence", errors["crimeType"][0]);
        Assert.Contains("'de'", errors["language"][0]);
        Assert.Contains("'horoscoop'", errors["extraBlocks[1]"][0]);
        Assert.DoesNotContain("extraBlocks[0]", errors.Keys);
        var detail = InfoMailRules.Detail(errors);
        Assert.Contains("'shoplifting'", detail);
        Assert.Contains("'horoscoop'", detail);
    }

    [Fact]
    public void At_most_ten_extra_blocks()
        => Assert.Contains("extraBlocks", Validate(new InfoMailRequest("violence", "nl", "a@example.nl", null, Enumerable.Repeat("privacy", 11).ToList())).Errors.Keys);

    [Fact]
    public void A_valid_request_resolves_its_blocks()
    {
        var (valid, _) = Validate(new InfoMailRequest("burglary", "en", "a@example.nl", "Anna", ["right-to-speak"]));
        Assert.Equal(["what-happens-next", "burglary-practical", "insurance", "police-report", "emotional-reactions", "right-to-speak", "contact"], valid!.Draft.Blocks);
    }

    [Theory]
    [InlineData(0, null, "score")]
    [InlineData(6, null, "score")]
    [InlineData(3, "bel\u0007me", "comment")]
    public void A_bad_rating_is_refused(int score, string? comment, string field)
    {
        Assert.NotNull(InfoMailRules.CheckSatisfaction(new InfoMailSatisfactionRequest(score, comment), out var named));
        Assert.Equal(field, named);
    }

    [Fact]
    public void A_rating_with_a_multi_line_comment_is_fine()
        => Assert.Null(InfoMailRules.CheckSatisfaction(new InfoMailSatisfactionRequest(4, "Duidelijk.\r\nDank!"), out _));

    [Fact]
    public void An_id_says_the_moment_it_was_made()
    {
        var at = new DateTimeOffset(2041, 3, 4, 23, 59, 58, 123, TimeSpan.Zero);
        var id = InfoMailIds.New(at);
        Assert.True(InfoMailIds.TryParse(InfoMailIds.Reference(id), out var parsed, out var createdAt));
        Assert.Equal(id, parsed);
        Assert.Equal(at, createdAt);
        Assert.Equal("20410304", InfoMailIds.DayKey(createdAt));
        Assert.False(InfoMailIds.TryParse(Guid.NewGuid().ToString(), out _, out _));
        Assert.False(InfoMailIds.TryParse("geen-id", out _, out _));
    }

    [Theory]
    [InlineData("https://www.example.nl/tevredenheid", true)]
    [InlineData("http://localhost:3000/tevredenheid", true)]
    [InlineData("http://www.example.nl/tevredenheid", false)]
    [InlineData("https://www.example.nl/tevredenheid?x=1", false)]
    [InlineData("https://www.example.nl/tevredenheid#top", false)]
    [InlineData("/tevredenheid", false)]
    [InlineData("", false)]
    public void The_satisfaction_page_must_be_https_without_query(string url, bool valid)
    {
        var options = new InfoMailOptions { SatisfactionUrl = url };
        var results = new List<ValidationResult>();
        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
    }
}
