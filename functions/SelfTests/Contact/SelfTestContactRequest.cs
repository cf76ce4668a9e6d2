namespace Steunpunt.SelfTests.Contact;

/// <summary>
/// Queue contract <c>selftest-contact-requests</c>, version 1: a visitor who finished a test asks to be contacted.
/// The staff-notification slice reads the stored requests.
/// </summary>
public sealed record SelfTestContactRequest(
    int SchemaVersion,
    Guid RequestId,
    string TestId,
    int TestVersion,
    string Channel,
    string Contact,
    string Language,
    DateTimeOffset RequestedAt,
    bool? ScreenPositive,
    IReadOnlyList<string> AdviceIds)
{
    public const int CurrentSchemaVersion = 1;
}
