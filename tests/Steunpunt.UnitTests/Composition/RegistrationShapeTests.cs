using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common;
using Steunpunt.Common.Storage;
using Steunpunt.Composition;

namespace Steunpunt.UnitTests.Composition;

/// <summary>One registration shape: every slice registers itself with <c>Add&lt;Slice&gt;()</c> in its own namespace.</summary>
public class RegistrationShapeTests
{
    private static readonly Assembly Functions = typeof(SteunpuntServices).Assembly;

    public static TheoryData<string> Slices => new(["Chat", "Common", "Connectors", "Health", "InfoMails", "MailIntake", "Reminders", "SelfTests", "StaffAuth", "StaffNotifications"]);

    [Theory]
    [MemberData(nameof(Slices))]
    public void Every_slice_has_its_own_registration_in_its_own_namespace(string slice)
    {
        var registration = Functions.GetType($"Steunpunt.{slice}.{slice}Registration");
        Assert.NotNull(registration);
        var add = registration.GetMethod("Add" + slice, BindingFlags.Public | BindingFlags.Static);
        Assert.NotNull(add);
        Assert.Equal(typeof(IServiceCollection), add.ReturnType);
    }

    [Fact]
    public void No_type_of_the_app_lives_in_the_namespace_of_IServiceCollection()
        => Assert.Empty(Functions.GetTypes().Where(t => t.Namespace == typeof(IServiceCollection).Namespace).Select(t => t.FullName));

    [Fact]
    public void App_secrets_are_registered_once_with_the_shared_plumbing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(ValidSettings.Create()).Build();
        Assert.Single(new ServiceCollection().AddCommon(configuration), d => d.ServiceType == typeof(AppSecrets));
        Assert.Single(new ServiceCollection().AddSteunpunt(configuration), d => d.ServiceType == typeof(AppSecrets));
    }
}
