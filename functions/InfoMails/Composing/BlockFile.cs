namespace Steunpunt.InfoMails.Composing;

/// <summary>
/// A content block as written in <c>Content/Blocks/{id}.json</c>: a title and a text in Markdown-lite (see
/// <see cref="RichText"/>), one line per array element so the file stays readable.
/// </summary>
public sealed record BlockFile(string Id, Bilingual<string> Title, Bilingual<IReadOnlyList<string>> Text);
