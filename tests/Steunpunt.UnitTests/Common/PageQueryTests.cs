using Steunpunt.Common.Http;

namespace Steunpunt.UnitTests.Common;

public class PageQueryTests
{
    private const string Key = "3155378975999999999_0123456789abcdef0123456789abcdef";

    private static bool IsKey(string key) => key.Length == Key.Length && key[19] == '_';

    [Fact]
    public void Without_parameters_the_first_page_of_the_default_size_is_asked()
    {
        var (page, errors) = PageQuery.Parse(null, null, IsKey);
        Assert.Null(errors);
        Assert.Equal(new PageRequest(PageQuery.DefaultLimit, null), page);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("100", 100)]
    [InlineData("007", 7)]
    public void A_limit_from_1_to_100_is_taken(string limit, int expected)
        => Assert.Equal(expected, PageQuery.Parse(limit, null, IsKey).Page.Limit);

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-5")]
    [InlineData("+5")]
    [InlineData("5.0")]
    [InlineData(" 5")]
    [InlineData("tien")]
    [InlineData("99999999999999999999")]
    public void Any_other_limit_is_an_error_on_limit(string limit)
    {
        var (_, errors) = PageQuery.Parse(limit, null, IsKey);
        Assert.Contains("1 tot en met 100", Assert.Single(errors!["limit"]));
    }

    [Fact]
    public void A_cursor_handed_out_reads_back_as_the_row_key_it_was_made_of()
    {
        var cursor = PageQuery.Cursor(Key)!;
        Assert.DoesNotContain(Key, cursor);
        Assert.Matches("^[A-Za-z0-9_-]+$", cursor); // safe in a query string as it is
        Assert.Equal(Key, PageQuery.Parse("10", cursor, IsKey).Page.After);
    }

    [Fact]
    public void No_next_page_gives_no_cursor() => Assert.Null(PageQuery.Cursor(null));

    [Theory]
    [InlineData("***")]
    [InlineData("a")]
    [InlineData("%%%%")]
    [InlineData("b3Blbg")] // "open": well-formed base64url, but not a key of the list
    [InlineData("_w")] // a byte that is not UTF-8
    public void A_cursor_that_is_not_one_handed_out_is_an_error_on_cursor(string cursor)
    {
        var (_, errors) = PageQuery.Parse(null, cursor, IsKey);
        Assert.Contains("vorige antwoord", Assert.Single(errors!["cursor"]));
    }

    [Fact]
    public void An_overlong_cursor_is_refused_before_it_is_decoded()
        => Assert.NotNull(PageQuery.Parse(null, new string('A', 10_000), _ => true).Errors);

    [Fact]
    public void Both_parameters_wrong_name_both()
        => Assert.Equal(["cursor", "limit"], PageQuery.Parse("0", "***", IsKey).Errors!.Keys.Order());
}
