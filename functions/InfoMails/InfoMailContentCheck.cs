using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Steunpunt.InfoMails.Composing;

namespace Steunpunt.InfoMails;

/// <summary>Loads the content when the app starts, so a broken content file stops the app (naming the file) before it takes work.</summary>
internal sealed class InfoMailContentCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<InfoMailCatalog>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
