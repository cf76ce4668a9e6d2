using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steunpunt.Common.Settings;
using Steunpunt.MailIntake;
using Steunpunt.SelfTests.Scoring;

namespace Steunpunt.UnitTests.Common;

/// <summary>
/// Ids with hyphens are written with underscores in setting names (Linux App Service accepts nothing else there):
/// the app reads them back as the ids, still reads the hyphenated names, and names a wrong key at start in Dutch and English.
/// </summary>
public class SettingIdsTests
{
    [Theory]
    [InlineData("trauma_screen", "trauma-screen")]
    [InlineData("trauma-screen", "trauma-screen")]
    [InlineData("sexual_offence", "sexual-offence")]
    [InlineData("violence", "violence")]
    public void A_setting_key_maps_to_its_id(string key, string id) => Assert.Equal(id, SettingIds.IdOf(key));

    [Fact]
    public void Every_id_written_as_a_key_maps_back_to_itself()
    {
        foreach (var id in Steunpunt.Common.CrimeTypes.All.Concat(["trauma-screen", "advice-test"]))
        {
            Assert.Matches("^[A-Za-z0-9_]+$", SettingIds.KeyOf(id));
            Assert.Equal(id, SettingIds.IdOf(SettingIds.KeyOf(id)));
        }
    }

    [Fact]
    public void A_cutoff_set_with_the_Azure_name_reaches_the_trauma_screen()
    {
        using var host = ValidSettings.BuildHost(s => s["SelfTests:Cutoffs:trauma_screen"] = "7");
        var catalog = host.Services.GetRequiredService<QuestionnaireCatalog>();
        Assert.Equal(7, catalog.FindCurrent("trauma-screen")!.Cutoff);
    }

    [Fact]
    public void The_hyphenated_name_still_works_where_names_are_free()
    {
        using var host = ValidSettings.BuildHost(s => s["SelfTests:Cutoffs:trauma-screen"] = "8");
        Assert.Equal(8, host.Services.GetRequiredService<QuestionnaireCatalog>().FindCurrent("trauma-screen")!.Cutoff);
    }

    [Fact]
    public void A_baseline_set_with_the_Azure_name_is_the_crime_types_share()
    {
        using var host = ValidSettings.BuildHost(s => s["MailIntake:Baseline:sexual_offence"] = "0.03");
        var options = host.Services.GetRequiredService<IOptions<MailIntakeOptions>>().Value;
        Assert.Equal(0.03, options.BaselineByCrimeType["sexual-offence"]);
    }

    [Fact]
    public async Task A_cutoff_for_no_test_stops_the_app_at_start_naming_the_setting()
    {
        var error = Assert.IsType<OptionsValidationException>(await ValidSettings.StartAsync(s => s["SelfTests:Cutoffs:trauma_scren"] = "7"));
        Assert.Contains("Instelling 'SelfTests__Cutoffs__trauma_scren': er is geen test 'trauma-scren'", error.Message);
        Assert.Contains("Setting 'SelfTests__Cutoffs__trauma_scren': there is no test 'trauma-scren' (known: advice_test, trauma_screen)", error.Message);
    }

    [Fact]
    public async Task A_baseline_for_no_crime_type_stops_the_app_at_start_naming_the_setting()
    {
        var error = Assert.IsType<OptionsValidationException>(await ValidSettings.StartAsync(s => s["MailIntake:Baseline:sexual_offense"] = "0.03"));
        Assert.Contains("Instelling 'MailIntake__Baseline__sexual_offense': er is geen delictsoort 'sexual-offense'", error.Message);
        Assert.Contains("there is no crime type 'sexual-offense'", error.Message);
    }

    [Fact]
    public async Task One_id_given_two_values_in_both_spellings_stops_the_app()
    {
        var error = Assert.IsType<OptionsValidationException>(await ValidSettings.StartAsync(s =>
        {
            s["SelfTests:Cutoffs:trauma_screen"] = "7";
            s["SelfTests:Cutoffs:trauma-screen"] = "6";
        }));
        Assert.Contains("Instellingen 'SelfTests__Cutoffs__trauma-screen' en 'SelfTests__Cutoffs__trauma_screen' geven 'trauma-screen' verschillende waarden", error.Message);
    }

    [Fact]
    public void Both_spellings_with_one_value_are_one_setting()
    {
        var byKey = new Dictionary<string, double> { ["sexual_offence"] = 0.03, ["sexual-offence"] = 0.03 };
        Assert.Empty(SettingIds.Problems(byKey, "MailIntake__Baseline", Steunpunt.Common.CrimeTypes.All, ("delictsoort", "crime type")));
        Assert.Equal(new Dictionary<string, double> { ["sexual-offence"] = 0.03 }, SettingIds.ById(byKey));
    }
}
