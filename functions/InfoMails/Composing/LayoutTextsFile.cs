namespace Steunpunt.InfoMails.Composing;

/// <summary>The texts around the blocks, as written in <c>Content/Layout/texts.json</c>; each may use the text placeholders.</summary>
public sealed record LayoutTextsFile(
    Bilingual<string> Greeting,
    Bilingual<string> SatisfactionQuestion,
    Bilingual<string> SatisfactionLink,
    Bilingual<string> Closing,
    Bilingual<string> Signature,
    Bilingual<string> Footer);
