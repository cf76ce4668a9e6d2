namespace Steunpunt.InfoMails.Composing;

/// <summary>The languages every text of an information mail is written in: Dutch first, English second.</summary>
public static class MailLanguages
{
    public const string Dutch = "nl";
    public const string English = "en";
    public static readonly IReadOnlyList<string> All = [Dutch, English];
}
