using System.Text.RegularExpressions;
using Steunpunt.InfoMails.Composing;

namespace Steunpunt.UnitTests.InfoMails;

/// <summary>Every template in both languages, as the recipient would get it: complete, safe HTML and a clean plain-text alternative.</summary>
public partial class InfoMailRenderingTests
{
    private static readonly string[] AllowedTags = ["html", "head", "meta", "title", "body", "div", "p", "br", "h2", "ul", "li", "strong", "a"];

    [GeneratedRegex(@"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)")]
    private static partial Regex Tag();

    [GeneratedRegex("""\s(href|src)\s*=\s*"([^"]*)""")]
    private static partial Regex LinkAttribute();

    /// <summary>An event-handler attribute inside a tag (as text between tags, "onerror=" is harmless).</summary>
    [GeneratedRegex(@"<[a-zA-Z][^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    public static TheoryData<string, string> TemplatesAndLanguages => InfoMailContent.TemplatesAndLanguages();

    [Theory]
    [MemberData(nameof(TemplatesAndLanguages))]
    public void Every_template_renders_completely_with_no_leftover_placeholders(string crimeType, string language)
    {
        var mail = InfoMailContent.Render(crimeType, language, "Sanne de Vries");
        var catalog = InfoMailContent.Shipped;

        Assert.Equal(catalog.FindTemplate(crimeType)!.Subject.For(language), mail.Subject);
        foreach (var part in new[] { mail.Subject, mail.Html, mail.Text })
        {
            Assert.DoesNotContain("{{", part);
            Assert.DoesNotContain("}}", part);
            Assert.DoesNotContain("{%", part);
            Assert.DoesNotContain("%}", part);
        }
        Assert.Contains($"lang=\"{language}\"", mail.Html);
        Assert.Contains(language == "nl" ? "Beste Sanne de Vries," : "Dear Sanne de Vries,", mail.Html);
        Assert.StartsWith(language == "nl" ? "Beste Sanne de Vries,\n" : "Dear Sanne de Vries,\n", mail.Text);
        foreach (var id in mail.Blocks)
        {
            var title = catalog.FindBlock(id)!.Title.For(language);
            Assert.Contains(MailEncoding.Html.Encode(title), mail.Html);
            Assert.Contains(title + "\n" + new string('-', title.Length) + "\n", mail.Text);
        }
        Assert.Contains("30", mail.Text); // the retention period in the footer, from settings
    }

    [Theory]
    [MemberData(nameof(TemplatesAndLanguages))]
    public void Every_mail_ends_with_the_contact_block_and_the_satisfaction_link(string crimeType, string language)
    {
        var mail = InfoMailContent.Render(crimeType, language, reference: "0123456789abcdef0123456789abcdef");
        const string link = "https://www.example.nl/tevredenheid?ref=0123456789abcdef0123456789abcdef";

        Assert.Equal("contact", mail.Blocks[^1]);
        var contactTitle = InfoMailContent.Shipped.FindBlock("contact")!.Title.For(language);
        Assert.True(mail.Text.IndexOf(contactTitle, StringComparison.Ordinal) < mail.Text.IndexOf(link, StringComparison.Ordinal));
        Assert.Contains($"<a href=\"{link}\">", mail.Html);
        Assert.Contains(link, mail.Text);
        // Nothing but the closing and the footer after the link.
        var afterLink = mail.Text[(mail.Text.IndexOf(link, StringComparison.Ordinal) + link.Length)..];
        Assert.DoesNotContain("\n-", afterLink);
    }

    [Fact]
    public void Without_a_name_the_greeting_is_general()
    {
        Assert.StartsWith("Goedendag,\n", InfoMailContent.Render("violence", "nl").Text);
        Assert.StartsWith("Hello,\n", InfoMailContent.Render("violence", "en", name: "  ").Text);
    }

    [Theory]
    [MemberData(nameof(TemplatesAndLanguages))]
    public void The_plain_text_alternative_has_no_tags_or_entities(string crimeType, string language)
    {
        var mail = InfoMailContent.Render(crimeType, language, "Anna", extraBlocks: InfoMailContent.Shipped.BlockIds);
        Assert.DoesNotMatch(@"<\s*/?\s*[a-zA-Z!]", mail.Text);
        Assert.DoesNotMatch(@"&(#x?[0-9a-fA-F]+|[a-z]+);", mail.Text);
        Assert.DoesNotContain("**", mail.Text);
        Assert.DoesNotContain("](", mail.Text);
    }

    [Theory]
    [MemberData(nameof(TemplatesAndLanguages))]
    public void The_html_uses_a_few_harmless_tags_and_only_https_tel_and_mailto_links(string crimeType, string language)
    {
        var mail = InfoMailContent.Render(crimeType, language, "Anna", extraBlocks: InfoMailContent.Shipped.BlockIds);
        Assert.All(Tag().Matches(mail.Html).Select(m => m.Groups[1].Value.ToLowerInvariant()), tag => Assert.Contains(tag, AllowedTags));
        Assert.DoesNotMatch(EventHandler(), mail.Html);
        var links = LinkAttribute().Matches(mail.Html).Select(m => m.Groups[2].Value).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, url => Assert.Matches("^(https://|tel:|mailto:)", url));
    }

    public static TheoryData<string> HostileNames => new()
    {
        "<script>alert('x')</script>",
        "\"><img src=x onerror=alert(1)>",
        "Anna <a href=\"javascript:alert(1)\">klik</a>",
        "{{ retention_days }} {% if true %}x{% endif %}",
        "**Anna** [klik](https://evil.example)",
        "Anna & Bert's \"zaak\"",
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void A_hostile_name_is_encoded_in_html_and_never_read_as_markup_or_template(string name)
    {
        foreach (var language in MailLanguages.All)
        {
            var mail = InfoMailContent.Render("stalking", language, name);

            Assert.Contains(MailEncoding.Html.Encode(name), mail.Html);
            Assert.All(Tag().Matches(mail.Html).Select(m => m.Groups[1].Value.ToLowerInvariant()), tag => Assert.Contains(tag, AllowedTags));
            Assert.DoesNotMatch(EventHandler(), mail.Html);
            Assert.DoesNotContain("javascript:", mail.Html.Replace(MailEncoding.Html.Encode(name), "", StringComparison.Ordinal));
            Assert.DoesNotContain("evil.example\"", mail.Html);
            // In plain text the name is shown as typed (plain text is never interpreted), not evaluated.
            Assert.Contains(name, mail.Text);
            Assert.Equal(mail.Subject, InfoMailContent.Shipped.FindTemplate("stalking")!.Subject.For(language));
        }
    }

    [Fact]
    public void Rendering_the_same_draft_twice_gives_the_same_bytes()
    {
        // A redelivered queue message must make exactly the same request, or the mail service sees a different mail.
        var first = InfoMailContent.Render("fraud", "nl", "Anna", ["privacy"]);
        var second = InfoMailContent.Render("fraud", "nl", "Anna", ["privacy"]);
        Assert.Equal((first.Subject, first.Html, first.Text), (second.Subject, second.Html, second.Text));
        Assert.Equal(first.Blocks, second.Blocks);
    }

    [Fact]
    public void Blocks_show_settings_values_through_their_placeholders()
    {
        var mail = InfoMailRenderer.Render(InfoMailContent.Shipped,
            new InfoMailDraft("fraud", "nl", null, InfoMailContent.Shipped.ResolveBlocks(InfoMailContent.Shipped.FindTemplate("fraud")!, ["privacy"])),
            "ref", InfoMailContent.Settings with { RetentionDays = 14 }, Liquid.Lenient);
        Assert.Contains("wissen het na 14 dagen", mail.Text);
        Assert.Contains("wissen het na 14 dagen", mail.Html);
    }
}
