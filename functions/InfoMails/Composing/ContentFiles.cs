namespace Steunpunt.InfoMails.Composing;

/// <summary>The languages every text of an information mail is written in: Dutch first, English second.</summary>
public static class MailLanguages
{
    public const string Dutch = "nl";
    public const string English = "en";
    public static readonly IReadOnlyList<string> All = [Dutch, English];
}

/// <summary>A text in both languages; a content file must give both.</summary>
public sealed record Bilingual<T>(T Nl, T En)
{
    public T For(string language) => language == MailLanguages.English ? En : Nl;
}

/// <summary>
/// A content block as written in <c>Content/Blocks/{id}.json</c>: a title and a text in Markdown-lite (see
/// <see cref="RichText"/>), one line per array element so the file stays readable.
/// </summary>
public sealed record BlockFile(string Id, Bilingual<string> Title, Bilingual<IReadOnlyList<string>> Text);

/// <summary>
/// The compact mail for one crime type, as written in <c>Content/Templates/{crimeType}.json</c>: the subject (fixed text),
/// an intro (paragraphs that may use <c>{{ name }}</c>), and the blocks in their order. The contact block is always added last.
/// </summary>
public sealed record TemplateFile(
    string CrimeType,
    Bilingual<string> Label,
    Bilingual<string> Subject,
    Bilingual<IReadOnlyList<string>> Intro,
    IReadOnlyList<string> Blocks);

/// <summary>The texts around the blocks, as written in <c>Content/Layout/texts.json</c>; each may use the text placeholders.</summary>
public sealed record LayoutTextsFile(
    Bilingual<string> Greeting,
    Bilingual<string> SatisfactionQuestion,
    Bilingual<string> SatisfactionLink,
    Bilingual<string> Closing,
    Bilingual<string> Signature,
    Bilingual<string> Footer);
