using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;
using Steunpunt.MailIntake;
using Steunpunt.MailIntake.Cases;
using Steunpunt.MailIntake.Sender;

namespace Steunpunt.UnitTests.MailIntake;

/// <summary>The continue links: long random secrets, only their keyed hashes kept, tokens parsed strictly, and where they go.</summary>
public class MailLinksTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly string CaseId = Guid.NewGuid().ToString("N");

    [Fact]
    public void A_secret_is_256_random_bits_in_base64url()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => MailLinks.NewSecret()).ToList();
        Assert.All(secrets, secret =>
        {
            Assert.Matches("^[A-Za-z0-9_-]{43}$", secret);
            Assert.Equal(32, Base64Url.DecodeFromChars(secret).Length);
        });
        Assert.Equal(secrets.Count, secrets.Distinct().Count());
    }

    [Fact]
    public void A_token_is_parsed_into_case_and_secret()
    {
        var secret = MailLinks.NewSecret();
        Assert.Equal((CaseId, secret), MailLinks.Parse(MailLinks.Token(CaseId, secret)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0123456789abcdef0123456789abcdef")] // a case id alone
    [InlineData("0123456789abcdef0123456789abcdef.")]
    [InlineData("0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 42 characters
    [InlineData("0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 44 characters
    [InlineData("0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")] // padding
    [InlineData("0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")] // base64, not base64url
    [InlineData("0123456789ABCDEF0123456789ABCDEF.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // ids are lower case
    [InlineData("0123456789abcdef0123456789abcdeg.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // not hex
    [InlineData("0123456789abcdef0123456789abcde.fAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // dot in the wrong place
    public void Anything_else_is_no_token(string? token) => Assert.Null(MailLinks.Parse(token));

    [Fact]
    public void The_stored_hash_is_keyed_and_bound_to_the_case_and_never_holds_the_secret()
    {
        var secret = MailLinks.NewSecret();
        var hash = MailLinks.Hash(Key, CaseId, secret);

        Assert.DoesNotContain(secret, hash);
        Assert.Equal(32, Base64Url.DecodeFromChars(hash).Length);
        Assert.Equal(hash, MailLinks.Hash(Key, CaseId, secret));
        Assert.NotEqual(hash, MailLinks.Hash(Key.Reverse().ToArray(), CaseId, secret));
        Assert.NotEqual(hash, MailLinks.Hash(Key, Guid.NewGuid().ToString("N"), secret));
        Assert.NotEqual(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)), Base64Url.DecodeFromChars(hash));
    }

    [Fact]
    public void A_secret_matches_any_of_the_cases_hashes_and_nothing_else()
    {
        var receipt = MailLinks.NewSecret();
        var reply = MailLinks.NewSecret();
        var hashes = MailLinks.WithHash(MailLinks.WithHash(null, MailLinks.Hash(Key, CaseId, receipt)), MailLinks.Hash(Key, CaseId, reply));

        Assert.Equal(2, hashes.Split(' ').Length);
        Assert.True(MailLinks.Matches(Key, CaseId, receipt, hashes));
        Assert.True(MailLinks.Matches(Key, CaseId, reply, hashes));
        Assert.False(MailLinks.Matches(Key, CaseId, MailLinks.NewSecret(), hashes));
        Assert.False(MailLinks.Matches(Key, Guid.NewGuid().ToString("N"), receipt, hashes));
        Assert.False(MailLinks.Matches(Key.Reverse().ToArray(), CaseId, receipt, hashes));
        Assert.False(MailLinks.Matches(Key, CaseId, receipt, null));
        Assert.False(MailLinks.Matches(Key, CaseId, receipt, ""));
        Assert.False(MailLinks.Matches(Key, CaseId, receipt, "not-a-hash " + receipt));
    }

    [Fact]
    public void The_link_puts_the_token_in_the_fragment_only()
    {
        var secret = MailLinks.NewSecret();
        var link = new Uri(MailLinks.Url("https://www.example.nl/mail/vervolg", CaseId, secret));

        Assert.Equal("/mail/vervolg", link.AbsolutePath);
        Assert.Equal("", link.Query);
        Assert.Equal("#" + CaseId + "." + secret, link.Fragment);
    }

    [Theory]
    [InlineData("https://www.example.nl/mail/vervolg", true)]
    [InlineData("http://localhost:7071/dev/mail/vervolg", true)]
    [InlineData("https://www.example.nl/mail/vervolg?bron=mail", false)]
    [InlineData("https://www.example.nl/mail/vervolg#", false)]
    [InlineData("/mail/vervolg", false)]
    [InlineData("ftp://www.example.nl/mail/vervolg", false)]
    public void The_continue_page_is_an_absolute_http_url_without_query_or_fragment(string url, bool valid)
    {
        var options = new MailIntakeOptions { ContinueUrl = url };
        Assert.Equal(valid, !options.Validate(new ValidationContext(options)).Any(r => r.MemberNames.Contains(nameof(MailIntakeOptions.ContinueUrl))));
    }

    [Fact]
    public void Receipt_and_reply_give_the_continue_link_and_say_the_mail_cannot_be_answered()
    {
        var mailCase = new MailCase { PartitionKey = CaseId, Reference = "SP-ABCD2345", ReplyAddress = "a@example.org" };
        var link = MailLinks.Url("https://www.example.nl/mail/vervolg", CaseId, MailLinks.NewSecret());
        var reply = new MailThreadEntry { Text = "Ons antwoord." };

        foreach (var language in new[] { "nl", "en" })
        {
            mailCase.Language = language;
            foreach (var mail in new[] { MailTexts.Receipt(mailCase, new DateOnly(2026, 7, 3), "0900-0101", link), MailTexts.Reply(mailCase, reply, "https://www.example.nl/beoordeel", link) })
            {
                Assert.Contains(link, mail.PlainText);
                Assert.Contains($"<a href=\"{link}\">", mail.Html);
                Assert.Contains(language == "en" ? "You cannot reply to this mail" : "Op deze mail kunt u niet antwoorden", mail.PlainText);
                Assert.DoesNotContain("reply to this mail;", mail.PlainText);
                Assert.DoesNotContain("kunt op deze mail antwoorden", mail.PlainText);
            }
        }
        // A mail queued before there were links sends people to the form, and never a link that opens nothing.
        mailCase.Language = "nl";
        var old = MailTexts.Receipt(mailCase, new DateOnly(2026, 7, 3), "0900-0101", null);
        Assert.Contains("contactformulier", old.PlainText);
        Assert.DoesNotContain("#", old.PlainText);
    }

    [Theory]
    [InlineData(MailCaseStatus.Closed, "staff-1", MailCaseStatus.Assigned)]
    [InlineData(MailCaseStatus.Closed, null, MailCaseStatus.New)]
    [InlineData(MailCaseStatus.Answered, "staff-1", MailCaseStatus.Assigned)]
    [InlineData(MailCaseStatus.Answered, null, MailCaseStatus.New)]
    [InlineData(MailCaseStatus.Assigned, "staff-1", MailCaseStatus.Assigned)]
    [InlineData(MailCaseStatus.New, null, MailCaseStatus.New)]
    public void A_message_from_the_sender_gives_the_case_back_to_its_owner_or_the_new_mails(string status, string? owner, string expected)
        => Assert.Equal(expected, SenderThread.Reopened(status, owner));

    [Fact]
    public void A_message_through_the_continue_page_is_refused_by_the_forms_text_rules()
    {
        Assert.Null(MailIntakeRules.Check(new SenderMessageRequest("Nog een vraag.\nMet een regel erbij.\t"), 5000));
        foreach (var text in new[] { "", "   ", new string('x', 5001), "bel mij\u0007" })
        {
            Assert.NotNull(MailIntakeRules.Check(new SenderMessageRequest(text), 5000));
        }
    }
}
