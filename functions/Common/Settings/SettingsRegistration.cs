using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Steunpunt.Common.Settings;

public static class SettingsRegistration
{
    /// <summary>
    /// Binds a settings section to an options class and validates it when the app starts, so a missing or
    /// malformed setting stops the app with a message that names the setting as it is written in configuration.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new DataAnnotationSettingsValidator<T>(section));
        return services.AddOptions<T>()
            .BindConfiguration(section, binder => binder.ErrorOnUnknownConfiguration = false)
            .ValidateOnStart();
    }
}

internal sealed class DataAnnotationSettingsValidator<T>(string section) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }
        var failures = results.Select(result =>
        {
            var member = result.MemberNames.FirstOrDefault();
            var setting = member is null ? section : $"{section}:{member}";
            return $"Setting '{setting}' (environment variable '{setting.Replace(":", "__")}'): {result.ErrorMessage}";
        });
        return ValidateOptionsResult.Fail(failures);
    }
}
