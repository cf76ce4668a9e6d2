using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Http;
using Steunpunt.Common.Storage;
using Steunpunt.Composition;
using Steunpunt.InfraTests.Bicep;

namespace Steunpunt.InfraTests;

/// <summary>
/// The app settings the template deploys are bound exactly as the Functions host binds them (<c>A__B</c> is
/// <c>A:B</c>) and go through the app's one composition root. Every options class that has a validator, including
/// ones added later, must validate: so every setting the app requires is set, and set to something it accepts.
/// </summary>
[Collection(InfraCollection.Name)]
public class AppSettingsTests(InfraBuild infra)
{
    /// <summary>The deployed settings with run-time values (host names, client ids) replaced by placeholders.</summary>
    internal static Dictionary<string, string> Evaluated(Snapshot snapshot)
        => snapshot.AppSettings.ToDictionary(setting => setting.Key, setting => ArmExpression.EvaluateToString(setting.Value), StringComparer.Ordinal);

    /// <summary>The app's services as the Function App would build them from these app settings (<c>__</c> read as <c>:</c>).</summary>
    private static ServiceCollection AppServices(IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key.Replace("__", ":", StringComparison.Ordinal), (string?)setting.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSteunpunt(configuration);
        return services;
    }

    /// <summary>Builds the app's services from the settings and returns every validation failure.</summary>
    internal static List<string> ValidationFailures(IReadOnlyDictionary<string, string> settings)
    {
        var services = AppServices(settings);
        using var provider = services.BuildServiceProvider();

        var failures = new List<string>();
        var validated = services
            .Where(service => service.ServiceType.IsGenericType && service.ServiceType.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(service => service.ServiceType.GetGenericArguments()[0])
            .Distinct()
            .ToList();
        Assert.NotEmpty(validated);
        foreach (var optionsType in validated)
        {
            var options = provider.GetRequiredService(typeof(IOptions<>).MakeGenericType(optionsType));
            try
            {
                _ = options.GetType().GetProperty(nameof(IOptions<object>.Value))!.GetValue(options);
            }
            catch (TargetInvocationException exception) when (exception.InnerException is OptionsValidationException invalid)
            {
                failures.Add(invalid.Message);
            }
        }
        try
        {
            // What ValidateOnStart runs when the host starts, including validations registered without a validator class.
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException invalid)
        {
            failures.Add(invalid.Message);
        }
        catch (AggregateException invalid)
        {
            failures.AddRange(invalid.InnerExceptions.Select(inner => inner.Message));
        }
        try
        {
            provider.GetRequiredService<StorageAccount>();
        }
        catch (InvalidOperationException invalid)
        {
            failures.Add(invalid.Message);
        }
        // The same failure surfaces through IOptions<T> and through the start-up validator.
        return failures.SelectMany(failure => failure.Split("; ")).Distinct().ToList();
    }

    [Fact]
    public void Every_setting_the_app_binds_is_set_and_passes_validation()
    {
        foreach (var snapshot in infra.All)
        {
            var failures = ValidationFailures(Evaluated(snapshot));
            Assert.True(failures.Count == 0, $"{snapshot}:\n{string.Join('\n', failures)}");
        }
    }

    [Fact]
    public void The_continue_link_of_the_mails_goes_to_the_website()
    {
        foreach (var snapshot in infra.All)
        {
            Assert.Equal(BicepEnvironment.WebsiteOriginList[0] + "/mail/vervolg", Evaluated(snapshot)["MailIntake__ContinueUrl"]);
        }
    }

    [Fact]
    public void A_setting_the_template_lacks_is_caught_by_name()
    {
        var settings = Evaluated(infra.Dev);
        settings.Remove("StaffAuth__Audience");
        Assert.Contains(ValidationFailures(settings), failure => failure.Contains("StaffAuth:Audience", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_loopback_hop_in_front_of_the_worker_may_name_the_client_address()
    {
        foreach (var snapshot in infra.All)
        {
            var settings = Evaluated(snapshot);
            Assert.Equal(["127.0.0.0/8", "::1/128"], settings.Where(s => s.Key.StartsWith("ClientAddress__KnownNetworks__", StringComparison.Ordinal)).OrderBy(s => s.Key).Select(s => s.Value));
            Assert.DoesNotContain(settings.Keys, key => key.StartsWith("ClientAddress__KnownProxies__", StringComparison.Ordinal));
            Assert.Equal("1", settings["ClientAddress__ForwardLimit"]);

            // And the rule those settings make: the front end's entry (the rightmost) counts, a client's own does not.
            using var provider = AppServices(settings).BuildServiceProvider();
            var rule = provider.GetRequiredService<ClientAddressRule>();
            IPAddress? ClientOf(string peer, string forwardedFor)
            {
                var context = new DefaultHttpContext();
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                context.Request.Headers["X-Forwarded-For"] = forwardedFor;
                return rule.ClientOf(context.Request);
            }
            Assert.Equal(IPAddress.Parse("203.0.113.5"), ClientOf("127.0.0.1", "10.1.1.1, 203.0.113.5:50123"));
            Assert.Equal(IPAddress.Parse("198.51.100.1"), ClientOf("198.51.100.1", "203.0.113.5"));
        }
    }

    [Fact]
    public void Storage_is_reached_with_the_identity_on_the_template_account()
    {
        foreach (var snapshot in infra.All)
        {
            var settings = Evaluated(snapshot);
            var account = (string)snapshot.Single("Microsoft.Storage/storageAccounts")["name"]!;
            Assert.Equal(account, settings["AzureWebJobsStorage__accountName"]);
            Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
            Assert.Equal("false", settings["Storage__CreateIfMissing"]);

            var storage = StorageAccount.FromConfiguration(new ConfigurationBuilder()
                .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key.Replace("__", ":", StringComparison.Ordinal), (string?)setting.Value)))
                .Build());
            Assert.Equal($"{account}.table.core.windows.net", storage.Tables.Uri.Host);
            Assert.Equal($"{account}.queue.core.windows.net", storage.Queues.Uri.Host);
        }
    }

    [Fact]
    public void Every_identity_based_connection_uses_the_app_identity()
    {
        foreach (var snapshot in infra.All)
        {
            var identity = (string)snapshot.Single("Microsoft.ManagedIdentity/userAssignedIdentities")["id"]!;
            var clientId = $"[reference('{identity}', '2024-11-30').clientId]";
            var settings = snapshot.AppSettings;
            foreach (var prefix in new[] { "AzureWebJobsStorage", "CommunicationServices", "AzureSignalRConnectionString" })
            {
                Assert.Equal("managedidentity", settings[$"{prefix}__credential"]);
                Assert.Equal(clientId, settings[$"{prefix}__clientId"]);
            }
            Assert.Equal($"[format('ClientId={{0}};Authorization=AAD', reference('{identity}', '2024-11-30').clientId)]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        }
    }

    [Fact]
    public void Endpoints_and_sender_point_at_the_template_resources()
    {
        foreach (var snapshot in infra.All)
        {
            var settings = snapshot.AppSettings;
            string Id(string type) => (string)snapshot.Single(type)["id"]!;
            Assert.Contains($"reference('{Id("Microsoft.Communication/communicationServices")}', '2025-05-01').hostName", settings["CommunicationServices__Endpoint"], StringComparison.Ordinal);
            Assert.Contains($"reference('{Id("Microsoft.Communication/emailServices/domains")}', '2025-05-01').mailFromSenderDomain", settings["Email__SenderAddress"], StringComparison.Ordinal);
            Assert.Contains($"reference('{Id("Microsoft.SignalRService/signalR")}', '2024-03-01').hostName", settings["AzureSignalRConnectionString__serviceUri"], StringComparison.Ordinal);
            Assert.Contains($"reference('{Id("Microsoft.Insights/components")}', '2020-02-02').ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);

            var evaluated = Evaluated(snapshot);
            Assert.StartsWith("https://", evaluated["CommunicationServices__Endpoint"], StringComparison.Ordinal);
            Assert.StartsWith("https://", evaluated["AzureSignalRConnectionString__serviceUri"], StringComparison.Ordinal);
            Assert.StartsWith("DoNotReply@", evaluated["Email__SenderAddress"], StringComparison.Ordinal);
        }
        var linked = infra.Dev.Single("Microsoft.Communication/communicationServices")["properties"]!["linkedDomains"]!.AsArray().Select(domain => (string)domain!);
        Assert.Equal([(string)infra.Dev.Single("Microsoft.Communication/emailServices/domains")["id"]!], linked);
    }

    [Fact]
    public void Staff_tokens_come_from_Entra_ID_in_the_staff_tenant()
    {
        foreach (var (snapshot, tenant) in new[] { (infra.Dev, BicepEnvironment.TenantId), (infra.Prod, InfraBuild.OtherStaffTenantId) })
        {
            var settings = Evaluated(snapshot);
            Assert.Equal($"https://login.microsoftonline.com/{tenant}/v2.0", settings["StaffAuth__Issuer"]);
            Assert.Equal($"https://login.microsoftonline.com/{tenant}/v2.0/.well-known/openid-configuration", settings["StaffAuth__MetadataAddress"]);
            Assert.Equal(BicepEnvironment.StaffApiAudience, settings["StaffAuth__Audience"]);
        }
    }

    [Fact]
    public void Self_test_and_SMS_settings_come_from_the_parameters()
    {
        foreach (var snapshot in infra.All)
        {
            Assert.Equal("30", snapshot.AppSettings["SelfTests__ContactRetentionDays"]);
            Assert.Equal("6", snapshot.AppSettings["SelfTests__Cutoffs__trauma_screen"]);
        }
        Assert.Equal("", infra.Dev.AppSettings["Sms__From"]);
        Assert.Equal(InfraBuild.SmsSenderNumber, infra.Prod.AppSettings["Sms__From"]);
    }

    [Fact]
    public void Every_setting_name_is_one_Linux_App_Service_accepts()
    {
        // Linux App Service allows only letters, digits and underscores in app setting names.
        var compiled = infra.CompiledMain["resources"]!.AsObject()["functionApp"]!["properties"]!["template"]!["resources"]!.AsObject()["functionApp::settings"]!["properties"]!.AsObject();
        foreach (var names in infra.All.Select(snapshot => snapshot.AppSettings.Keys).Append(compiled.Select(setting => setting.Key)))
        {
            Assert.NotEmpty(names);
            Assert.All(names, name => Assert.Matches("^[A-Za-z0-9_]+$", name));
        }
    }

    [Fact]
    public void Settings_that_do_not_belong_in_Azure_are_absent()
    {
        // Dev issuer key (local only); worker runtime and package settings (Flex Consumption sets them itself);
        // time zone (not supported on Linux Flex Consumption: schedules run in UTC there).
        string[] absent = ["StaffAuth__SigningKey", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_TIME_ZONE", "TZ"];
        foreach (var snapshot in infra.All)
        {
            Assert.Empty(absent.Intersect(snapshot.AppSettings.Keys, StringComparer.OrdinalIgnoreCase));
        }
    }
}
