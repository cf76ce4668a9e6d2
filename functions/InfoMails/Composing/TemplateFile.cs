namespace Steunpunt.InfoMails.Composing;

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
