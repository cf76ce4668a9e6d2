using Azure.Identity;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Telemetry;

namespace Steunpunt.UnitTests.Common;

/// <summary>Application Insights as the worker wires it: Information logs reach it, with the identity, and without query strings or exception messages.</summary>
public class TelemetryTests
{
    private static ServiceProvider Build(string? authentication)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new(TelemetryRegistration.AuthenticationSetting, authentication)]).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddTelemetry(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Information_logs_are_not_cut_to_warnings_for_Application_Insights()
    {
        await using var provider = Build(null);
        var rules = provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;
        Assert.DoesNotContain(rules, rule => rule.ProviderName == TelemetryRegistration.ApplicationInsightsProvider);
        Assert.Contains(provider.GetServices<ITelemetryInitializer>(), initializer => initializer is TelemetryRedaction);
    }

    [Fact]
    public async Task The_user_assigned_identity_of_the_authentication_string_sends_the_telemetry()
    {
        Assert.IsType<ManagedIdentityCredential>(TelemetryRegistration.Credential("ClientId=5e8a1c3f-7b2d-4c9e-a6f0-1d3b5e7a9c33;Authorization=AAD"));
        Assert.IsType<ManagedIdentityCredential>(TelemetryRegistration.Credential("Authorization=AAD"));
        Assert.Null(TelemetryRegistration.Credential(null));
        Assert.Contains("Authorization=AAD", Assert.Throws<InvalidOperationException>(() => TelemetryRegistration.Credential("ClientId=x")).Message);

        await using var withIdentity = Build("ClientId=5e8a1c3f-7b2d-4c9e-a6f0-1d3b5e7a9c33;Authorization=AAD");
        await using var without = Build(null);
        Assert.Equal(without.GetServices<IConfigureOptions<TelemetryConfiguration>>().Count() + 1, withIdentity.GetServices<IConfigureOptions<TelemetryConfiguration>>().Count());
    }

    [Fact]
    public void Urls_lose_their_query_and_exceptions_their_message()
    {
        var redaction = new TelemetryRedaction();
        var request = new RequestTelemetry { Url = new Uri("https://app.example/api/mail?to=anna@example.org"), Name = "GET /api/mail" };
        var dependency = new DependencyTelemetry { Data = "https://acct.table.core.windows.net/Cases()?$filter=Address%20eq%20'anna@example.org'", Name = "GET /Cases()" };
        var exception = new ExceptionTelemetry(new InvalidOperationException("bad address anna@example.org", new FormatException("06 12345678")));

        redaction.Initialize(request);
        redaction.Initialize(dependency);
        redaction.Initialize(exception);

        Assert.Equal("https://app.example/api/mail", request.Url.ToString());
        Assert.Equal("https://acct.table.core.windows.net/Cases()", dependency.Data);
        Assert.DoesNotContain("anna", exception.Message);
        Assert.All(exception.ExceptionDetailsInfoList, detail => Assert.DoesNotContain("anna", detail.Message));
        Assert.All(exception.ExceptionDetailsInfoList, detail => Assert.DoesNotContain("12345678", detail.Message));
        Assert.Contains(exception.ExceptionDetailsInfoList, detail => detail.TypeName == typeof(InvalidOperationException).FullName);
    }
}
