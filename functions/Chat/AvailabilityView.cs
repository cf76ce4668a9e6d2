namespace Steunpunt.Chat;

public sealed record AvailabilityView(bool Open, DateTimeOffset? ClosesAt, DateTimeOffset? NextOpening, string Message, AlternativesView Alternatives);

public sealed record AlternativesView(string MailFormUrl, string SelfTestUrl, string Phone, string PhoneHours);
