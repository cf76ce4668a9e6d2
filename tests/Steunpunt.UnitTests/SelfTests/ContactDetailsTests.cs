using Steunpunt.SelfTests.Contact;

namespace Steunpunt.UnitTests.SelfTests;

public class ContactDetailsTests
{
    [Theory]
    [InlineData("06 12345678", "+31612345678")]
    [InlineData("+31 6 1234 5678", "+31612345678")]
    [InlineData("020-1234567", "+31201234567")]
    [InlineData("0032 470 12 34 56", "+32470123456")]
    public void Phone_numbers_become_e164(string input, string expected)
        => Assert.Equal((expected, (string?)null), ContactDetails.Normalise(ContactDetails.Phone, input));

    [Theory]
    [InlineData("0900 1234567")] // premium rate
    [InlineData("0800 1234")]    // toll free: we cannot call back from it
    [InlineData("12345")]
    [InlineData("bel me")]
    public void Unusable_phone_numbers_are_refused(string input)
        => Assert.NotNull(ContactDetails.Normalise(ContactDetails.Phone, input).Error);

    [Theory]
    [InlineData("iemand@example.nl")]
    [InlineData("  iemand@example.nl ")]
    public void Plain_addresses_are_accepted(string input)
        => Assert.Equal(("iemand@example.nl", (string?)null), ContactDetails.Normalise(ContactDetails.Email, input));

    [Theory]
    [InlineData("iemand@example.nl\r\nBcc: x@y.z")]
    [InlineData("Naam <iemand@example.nl>")]
    [InlineData("iemand@localhost")]
    [InlineData("geen adres")]
    [InlineData("")]
    public void Anything_but_a_bare_address_is_refused(string input)
        => Assert.NotNull(ContactDetails.Normalise(ContactDetails.Email, input).Error);

    [Fact]
    public void An_unknown_channel_is_refused()
        => Assert.NotNull(ContactDetails.Normalise("pigeon", "roof").Error);
}
