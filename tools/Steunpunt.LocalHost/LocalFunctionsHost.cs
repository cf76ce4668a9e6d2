using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Steunpunt.Common.Http;
using Steunpunt.Common.Storage;
using Steunpunt.Composition;
using Steunpunt.LocalHost.Dev;
using Steunpunt.LocalHost.Discovery;
using Steunpunt.LocalHost.Emulators;
using Steunpunt.LocalHost.Settings;
using Steunpunt.LocalHost.Triggers;

namespace Steunpunt.LocalHost;

/// <summary>
/// A stand-in for the Azure Functions host (Core Tools cannot be installed here): it runs the Function App's own
/// function classes in-process, registered through the app's one composition root, on the routes, queues and
/// schedules their attributes declare, with the semantics host.json configures.
/// </summary>
public static class LocalFunctionsHost
{
    public const string DefaultUrl = "http://localhost:7071";
    public static Assembly FunctionsAssembly => typeof(SteunpuntServices).Assembly;

    /// <param name="configure">Lets tests replace services (e.g. the clock) after the app's registrations.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var root = RepositoryRoot.Find();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

        // local.settings.json plays the part of app settings; environment variables and arguments still win, as with Core Tools.
        var (settingsPath, values) = LocalSettingsFile.Load(root);
        var sources = builder.Configuration.Sources.ToList();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(values);
        foreach (var source in sources) builder.Configuration.Sources.Add(source);
        builder.Configuration.AddInMemoryCollection([new("LocalHost:SettingsFile", settingsPath), new("LocalHost:RepositoryRoot", root)]);

        builder.WebHost.UseUrls(builder.Configuration["LocalHost:Urls"] ?? DefaultUrl);
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);
        builder.Logging.AddFilter("Azure.Core", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // A second line of defence: the trigger loops catch their own failures, but none may ever stop the host.
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);

        var host = HostJsonSettings.Load(Path.Combine(AppContext.BaseDirectory, "host.json"), builder.Configuration);
        builder.Services.AddSingleton(host);
        builder.Services.AddSteunpunt(builder.Configuration);
        builder.Services.AddSingleton<DevStaffTokens>();
        builder.Services.AddEmulators(builder.Configuration);
        HostCors.AddTo(builder);

        var functions = FunctionDiscovery.Discover(FunctionsAssembly).Select(f => new FunctionInvoker(f)).ToList();
        builder.Services.AddSingleton<IReadOnlyList<FunctionInvoker>>(functions);
        foreach (var invoker in functions)
        {
            switch (invoker.Function.Trigger)
            {
                case QueueTriggerDescriptor:
                    builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerListener>(sp, invoker));
                    break;
                case TimerTriggerDescriptor timer:
                    var schedule = TimerSchedule.Parse(timer.Schedule, builder.Configuration, invoker.Function.Name);
                    builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerTriggerScheduler>(sp, invoker, schedule));
                    break;
            }
        }

        configure?.Invoke(builder);
        var app = builder.Build();
        // First, so every answer gets them: functions, dev pages, emulators, CORS preflights and 404s.
        app.Use((context, next) =>
        {
            SecurityHeaders.Register(context, ServesFiles);
            return next(context);
        });
        HostCors.Use(app);
        WidgetFiles.Map(app, root);
        MapFunctions(app, functions, host);
        DevEndpoints.Map(app, functions);
        app.MapEmulators();
        return app;
    }

    private static void MapFunctions(WebApplication app, IReadOnlyList<FunctionInvoker> functions, HostJsonSettings host)
    {
        // The same answer to an unhandled exception as the Functions worker's middleware gives.
        var unhandled = app.Services.GetRequiredService<UnhandledExceptionAnswer>();
        foreach (var invoker in functions)
        {
            if (invoker.Function.Trigger is not HttpTriggerDescriptor http) continue;
            var pattern = RoutePattern(host, http);
            RequestDelegate handler = context => unhandled.InvokeAsync(context, invoker.Function.Name, () => invoker.InvokeHttpAsync(context));
            var endpoint = http.Methods.Count == 0
                ? app.Map(pattern, handler)
                : app.MapMethods(pattern, http.Methods.Select(m => m.ToUpperInvariant()), handler);
            endpoint.WithDisplayName(invoker.Function.Name);
        }
    }

    /// <summary>The widget bundles and the demo, static files that keep the caching <see cref="WidgetFiles"/> gives them.</summary>
    internal static bool ServesFiles(PathString path)
        => path.StartsWithSegments(WidgetFiles.WidgetsPath) || path.StartsWithSegments(WidgetFiles.DemoPath);

    public static string RoutePattern(HostJsonSettings host, HttpTriggerDescriptor http)
        => "/" + string.Join('/', new[] { host.RoutePrefix, http.Route.Trim('/') }.Where(p => p.Length > 0));

    /// <summary>The addresses Kestrel listens on once started (resolves port 0 to the real port).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app)
        => app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
