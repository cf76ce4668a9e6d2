namespace Steunpunt.InfoMails.Composing;

/// <summary>A text in both languages; a content file must give both.</summary>
public sealed record Bilingual<T>(T Nl, T En)
{
    public T For(string language) => language == MailLanguages.English ? En : Nl;
}
