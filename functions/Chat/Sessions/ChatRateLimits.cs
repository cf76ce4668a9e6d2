using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Steunpunt.Common.RateLimits;

namespace Steunpunt.Chat.Sessions;

/// <summary>
/// The chat's limits, counted by the shared <see cref="RateLimiter"/> (in storage, across instances): chats started per
/// client address an hour, messages (and typing signals) per chat and party a minute, and the visitor's other writes
/// (messages, typing, close, rating, delete, negotiate) per client address an hour.
/// </summary>
public sealed class ChatRateLimits(RateLimiter limiter, IOptions<ChatOptions> options)
{
    private readonly RateLimit starts = RateLimit.PerHour("chat-starts", options.Value.StartsPerHourPerAddress);
    private readonly RateLimit messages = RateLimit.PerMinute("chat-messages", options.Value.MessagesPerMinute);
    private readonly RateLimit actions = RateLimit.PerHour("chat-actions", options.Value.ActionsPerHourPerAddress);

    public Task<RateLimitOutcome> StartAsync(HttpRequest request, CancellationToken cancellationToken)
        => limiter.ForClientAsync(starts, request, cancellationToken);

    /// <param name="party">Who sends, e.g. <c>visitor</c>, <c>staff</c> or <c>visitor-typing</c>: each has its own count.</param>
    public Task<RateLimitOutcome> MessageAsync(string chatId, string party, CancellationToken cancellationToken)
        => limiter.TryAcquireAsync(messages, $"chat:{chatId}/{party}", cancellationToken);

    public Task<RateLimitOutcome> VisitorActionAsync(HttpRequest request, CancellationToken cancellationToken)
        => limiter.ForClientAsync(actions, request, cancellationToken);
}
