namespace Steunpunt.Chat;

public sealed record PostMessageRequest(string Text);
