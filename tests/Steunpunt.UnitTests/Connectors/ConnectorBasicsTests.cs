using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Steunpunt.Connectors;
using Steunpunt.Connectors.CommunicationServices;
using Steunpunt.Connectors.Email;
using Steunpunt.Connectors.Sms;

namespace Steunpunt.UnitTests.Connectors;

public class ConnectorBasicsTests
{
    private const string Key = "p/21UKM+YZzpHZsOlc6A4aXMmtq8Lq/akmxqno+1eIA=";

    [Theory]
    [InlineData("endpoint=https://x.communication.azure.com/;accesskey=" + Key, "https://x.communication.azure.com/")]
    [InlineData("Endpoint=https://x.communication.azure.com;AccessKey=" + Key + ";", "https://x.communication.azure.com/")]
    [InlineData("accesskey=" + Key + ";endpoint=http://localhost:7071/emulators/communication/", "http://localhost:7071/emulators/communication")]
    public void Connection_strings_are_read_as_the_SDKs_read_them(string value, string endpoint)
    {
        Assert.True(AcsConnectionString.TryParse(value, out var parsed, out _));
        Assert.Equal(new Uri(endpoint), parsed!.Endpoint);
        Assert.Equal(Convert.FromBase64String(Key), parsed.AccessKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("endpoint=x;accesskey=" + Key)]
    [InlineData("endpoint=ftp://x;accesskey=" + Key)]
    [InlineData("endpoint=https://x.communication.azure.com/")]
    [InlineData("endpoint=https://x.communication.azure.com/;accesskey=not-base64!")]
    [InlineData("endpoint=https://x.communication.azure.com/;accesskey=c2hvcnQ=")]
    public void Malformed_connection_strings_are_refused_with_a_reason(string value)
    {
        Assert.False(AcsConnectionString.TryParse(value, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void An_idempotency_key_gives_a_stable_well_formed_uuid_per_purpose()
    {
        var key = new IdempotencyKey("mail-case-123/receipt", DateTimeOffset.UnixEpoch);

        var first = key.ToGuid("email");
        Assert.Equal(first, new IdempotencyKey("mail-case-123/receipt", DateTimeOffset.UtcNow).ToGuid("email"));
        Assert.NotEqual(first, key.ToGuid("sms:+31612345678"));
        Assert.NotEqual(first, new IdempotencyKey("mail-case-124/receipt", DateTimeOffset.UnixEpoch).ToGuid("email"));
        Assert.Equal(8, first.Version);
        Assert.Equal('8', first.ToString()[14]);
    }

    [Theory]
    [InlineData("06 12345678", PhoneNumberUse.Sms, "+31612345678")]
    [InlineData("+31 6 1234 5678", PhoneNumberUse.Sms, "+31612345678")]
    [InlineData("0031612345678", PhoneNumberUse.Sms, "+31612345678")]
    [InlineData("+32 470 12 34 56", PhoneNumberUse.Sms, "+32470123456")]
    [InlineData("020 123 4567", PhoneNumberUse.Call, "+31201234567")]
    [InlineData("+1 201 555 0123", PhoneNumberUse.Sms, "+12015550123")]
    public void Valid_numbers_are_normalised_to_E164(string input, PhoneNumberUse use, string expected)
        => Assert.Equal((expected, null), PhoneNumberRules.Normalise(input, use));

    [Theory]
    [InlineData("020 123 4567", PhoneNumberUse.Sms)]
    [InlineData("0900 1234567", PhoneNumberUse.Call)]
    [InlineData("0800 1234567", PhoneNumberUse.Sms)]
    [InlineData("12345", PhoneNumberUse.Sms)]
    [InlineData("bel me", PhoneNumberUse.Call)]
    [InlineData("", PhoneNumberUse.Sms)]
    public void Numbers_unfit_for_the_use_are_refused_in_Dutch(string input, PhoneNumberUse use)
    {
        var (e164, error) = PhoneNumberRules.Normalise(input, use);
        Assert.Null(e164);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("endpoint=https://x.communication.azure.com/;accesskey=" + Key, "https://x.communication.azure.com", false)]
    [InlineData("endpoint=https://x.communication.azure.com/;accesskey=" + Key, null, true)]
    [InlineData(null, "https://x.communication.azure.com", true)]
    [InlineData(null, "http://x.communication.azure.com", false)]
    public void Communication_services_need_exactly_one_valid_way_in(string? connectionString, string? endpoint, bool valid)
        => Assert.Equal(valid, IsValid(new CommunicationServicesOptions { ConnectionString = connectionString, Endpoint = endpoint }));

    [Theory]
    [InlineData("+3197010000001", true)]
    [InlineData("Steunpunt", true)]
    [InlineData("0612345678", false)]
    [InlineData("Slachtofferhulp", false)]
    [InlineData("", true)]
    public void The_sms_sender_is_an_E164_number_or_a_short_alphanumeric_id(string from, bool valid)
        => Assert.Equal(valid, IsValid(new SmsOptions { From = from }));

    [Theory]
    [InlineData("DoNotReply@x.azurecomm.net", true)]
    [InlineData("Steunpunt <DoNotReply@x.azurecomm.net>", false)]
    [InlineData("", false)]
    public void The_sender_address_is_a_bare_address(string address, bool valid)
        => Assert.Equal(valid, IsValid(new EmailOptions { SenderAddress = address }));

    [Fact]
    public async Task Without_a_sender_an_sms_send_fails_naming_the_setting()
    {
        var connection = new CommunicationServicesConnection(
            new CommunicationServicesOptions { ConnectionString = "endpoint=https://x.communication.azure.com/;accesskey=" + Key },
            () => throw new InvalidOperationException("no credential needed"), TimeProvider.System, transport: null);
        var client = new AcsSmsClient(connection, Options.Create(new SmsOptions { From = "" }), NullLogger<AcsSmsClient>.Instance);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            client.SendAsync(new SmsMessage(["06 12345678"], "Herinnering"), new IdempotencyKey("k", DateTimeOffset.UnixEpoch), default));

        Assert.Contains("Sms:From", error.Message);
    }

    private static bool IsValid(object options) => Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);
}
