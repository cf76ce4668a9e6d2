using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Chat.Insights;
using Steunpunt.Chat.Schedule;
using Steunpunt.Chat.Sessions;
using Steunpunt.Common.Settings;

namespace Steunpunt.Chat;

public static class ChatRegistration
{
    /// <summary>The chat relay: settings <c>Chat</c>, opening hours, sessions, the waiting list, both parties, the sweep, the transcript purge and the figures.</summary>
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddSettings<ChatOptions>(ChatOptions.Section);
        services.AddSingleton<ChatSchedule>();
        services.AddSingleton<ChatStore>();
        services.AddSingleton<ChatRateLimits>();
        services.AddSingleton<ChatRealtime>();
        services.AddSingleton<ChatWaitingList>();
        services.AddSingleton<ChatAvailabilityQuery>();
        services.AddSingleton<VisitorChats>();
        services.AddSingleton<StaffChats>();
        services.AddSingleton<ChatSweep>();
        services.AddSingleton<ChatTranscriptPurge>();
        services.AddSingleton<ChatInsightsQuery>();
        return services;
    }
}
