using Steunpunt.InfoMails.Composing;

namespace Steunpunt.UnitTests.InfoMails;

/// <summary>The content files: what ships, and how a broken file stops the app with a message that names it.</summary>
public class InfoMailCatalogTests
{
    private static InfoMailCatalog Catalog => InfoMailContent.Shipped;

    [Fact]
    public void Ships_one_compact_template_per_crime_type_and_about_twenty_blocks()
    {
        Assert.Equal(InfoMailContent.CrimeTypes, Catalog.CrimeTypes);
        Assert.InRange(Catalog.BlockIds.Count, 18, 24);
        Assert.All(Catalog.Templates, template => Assert.InRange(template.Blocks.Count, 3, 8));
    }

    [Fact]
    public void Every_block_a_template_references_exists_and_the_contact_block_comes_last()
    {
        foreach (var template in Catalog.Templates)
        {
            Assert.All(template.Blocks, id => Assert.NotNull(Catalog.FindBlock(id)));
            var blocks = Catalog.ResolveBlocks(template, []);
            Assert.Equal(InfoMailCatalog.ContactBlock, blocks[^1]);
            Assert.Single(blocks, id => id == InfoMailCatalog.ContactBlock);
        }
    }

    [Fact]
    public void Every_block_is_in_some_template_or_offered_as_an_extra()
    {
        // Blocks no template uses are still useful as extras (the criminal case, voeging, the right to speak, privacy).
        var used = Catalog.Templates.SelectMany(t => Catalog.ResolveBlocks(t, [])).ToHashSet();
        var extrasOnly = Catalog.BlockIds.Where(id => !used.Contains(id)).ToList();
        Assert.Equal(["criminal-case", "joining-criminal-case", "privacy", "right-to-speak"], extrasOnly);
    }

    [Fact]
    public void Extra_blocks_follow_the_template_blocks_once_each_before_the_contact_block()
    {
        var template = Catalog.FindTemplate("burglary")!;
        var blocks = Catalog.ResolveBlocks(template, ["right-to-speak", "insurance", "contact", "right-to-speak", "privacy"]);
        Assert.Equal([.. template.Blocks, "right-to-speak", "privacy", "contact"], blocks);
    }

    [Fact]
    public void Every_block_has_both_languages()
    {
        foreach (var block in Catalog.Blocks)
        {
            foreach (var language in MailLanguages.All)
            {
                Assert.False(string.IsNullOrWhiteSpace(block.Title.For(language)), $"{block.Id}: no {language} title");
                Assert.NotEmpty(block.Text.For(language).Elements);
            }
            Assert.NotEqual(block.Title.Nl, block.Title.En);
        }
    }

    public static TheoryData<string, string, string, string> BrokenFiles => new()
    {
        { "Templates/violence.json", "\"compensation-fund\"", "\"compensaton-fund\"", "Templates/violence.json: unknown block 'compensaton-fund'" },
        { "Templates/fraud.json", "\"fraud-help\",", "\"fraud-help\", \"fraud-help\",", "Templates/fraud.json: a block is listed twice" },
        { "Templates/burglary.json", "\"emotional-reactions\"", "\"emotional-reactions\", \"contact\"", "Templates/burglary.json: 'contact' is added to every mail last" },
        { "Templates/stalking.json", "Information after our phone call", "Information for {{ name }}", "Templates/stalking.json: the 'en' subject takes no placeholders" },
        { "Templates/violence.json", "Thank you for talking with us.", "Thank you, {{ nmae }}.", "Templates/violence.json: intro 'en' paragraph 1: unknown placeholder 'nmae'" },
        { "Blocks/insurance.json", "\"en\": \"Insurance\"", "\"english\": \"Insurance\"", "Blocks/insurance.json" },
        { "Blocks/privacy.json", "{{ retention_days }} dagen", "{{ bewaartermijn }} dagen", "Blocks/privacy.json: text 'nl', line 1: unknown placeholder 'bewaartermijn'" },
        { "Blocks/fraud-help.json", "https://www.fraudehelpdesk.nl", "http://www.fraudehelpdesk.nl", "Blocks/fraud-help.json: text 'nl', line 4: link 'http://www.fraudehelpdesk.nl': only https:, tel: and mailto: links" },
        { "Blocks/urgent-help.json", "(tel:112)", "(javascript:alert(1))", "Blocks/urgent-help.json: text 'nl', line 1: link 'javascript:alert(1': only https:, tel: and mailto: links" },
        { "Blocks/contact.json", "Onze hulp is gratis.", "<b>Onze hulp</b> is **gratis.", "Blocks/contact.json: text 'nl', line 7: '**' is not closed" },
        { "Blocks/digital-safety.json", "- Zet tweestapsverificatie aan waar dat kan.", "# Zet tweestapsverificatie aan", "Blocks/digital-safety.json: text 'nl', line 2: only paragraphs and '- ' lists" },
        { "Blocks/insurance.json", "\"id\": \"insurance\"", "\"id\": \"verzekering\"", "Blocks/insurance.json: a block with id 'verzekering' must be in 'verzekering.json'" },
        { "Layout/texts.json", "Beste {{ name }},", "Beste {{ naam }},", "Layout/texts.json: 'greeting' 'nl': unknown placeholder 'naam'" },
        { "Layout/mail.html.liquid", "{{ texts.closing }}", "{{ text.closing }}", "Layout/mail.html.liquid: unknown placeholder 'text'" },
        { "Layout/mail.txt.liquid", "{{ block.rule }}", "{{ block.underline }}", "Undefined variable 'underline'" },
        { "Layout/mail.html.liquid", "{{ subject }}", "{{ subject | shout }}", "Undefined filter 'shout'" },
        { "Layout/mail.html.liquid", "<title>{{ subject }}</title>", "<title>{% include 'other' %}</title>", "Layout/mail.html.liquid: the tags include are not supported" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_broken_content_file_stops_the_load_naming_the_file_and_the_mistake(string file, string oldText, string newText, string message)
    {
        var error = InfoMailContent.LoadChanged(folder => InfoMailContent.Replace(folder, file, oldText, newText));
        Assert.IsType<InvalidDataException>(error);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_missing_contact_block_stops_the_load()
    {
        var error = InfoMailContent.LoadChanged(folder => File.Delete(Path.Combine(folder, "Blocks", "contact.json")));
        Assert.Contains("Blocks/contact.json: the contact block is missing", error.Message);
    }

    [Fact]
    public void A_missing_layout_stops_the_load()
    {
        var error = InfoMailContent.LoadChanged(folder => File.Delete(Path.Combine(folder, "Layout", "mail.txt.liquid")));
        Assert.Contains("Layout/mail.txt.liquid: the layout is missing", error.Message);
    }
}
