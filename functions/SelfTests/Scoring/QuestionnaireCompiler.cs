using System.Text.Json;
using System.Text.RegularExpressions;
using Steunpunt.Common.Json;

namespace Steunpunt.SelfTests.Scoring;

/// <summary>Checks a questionnaire file completely before it is used: a broken file stops the app at start, not a visitor mid-test.</summary>
public static partial class QuestionnaireCompiler
{
    public const int MaxOptions = 64;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,48}$")]
    private static partial Regex IdPattern();

    public static QuestionnaireFile Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<QuestionnaireFile>(json, JsonDefaults.StrictInput)
                ?? throw new InvalidDataException($"{source}: the file is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source}: {exception.Message}", exception);
        }
    }

    public static Questionnaire Compile(QuestionnaireFile file, int? cutoffOverride, string source)
    {
        void Require(bool ok, string message)
        {
            if (!ok) throw new InvalidDataException($"{source}: {message}");
        }

        Require(IdPattern().IsMatch(file.Id), $"id '{file.Id}' must be lower-case letters, digits and hyphens.");
        Require(file.Version >= 1, "version must be 1 or higher.");
        Require(file.Items.Count is > 0 and <= 100, "a questionnaire has 1 to 100 items.");

        var items = new List<Questionnaire.Item>();
        foreach (var item in file.Items)
        {
            Require(IdPattern().IsMatch(item.Id), $"item id '{item.Id}' must be lower-case letters, digits and hyphens.");
            Require(items.All(i => i.Id != item.Id), $"item id '{item.Id}' is used twice.");
            var options = item.Type switch
            {
                "yesNo" => item.Options is null ? ["yes", "no"] : throw new InvalidDataException($"{source}: yesNo item '{item.Id}' takes no options."),
                "choice" => item.Options?.Select(o => o.Value).ToArray() ?? throw new InvalidDataException($"{source}: choice item '{item.Id}' needs options."),
                _ => throw new InvalidDataException($"{source}: item '{item.Id}' has unknown type '{item.Type}' (yesNo or choice)."),
            };
            Require(options.Length is >= 2 and <= MaxOptions, $"item '{item.Id}' needs 2 to {MaxOptions} options.");
            Require(options.Distinct(StringComparer.Ordinal).Count() == options.Length, $"item '{item.Id}' lists an option twice.");
            items.Add(new Questionnaire.Item(item.Id, options));
        }

        var countOption = -1;
        int? cutoff = null;
        if (file.Scoring is { } scoring)
        {
            Require(scoring.Method == "count", $"scoring method '{scoring.Method}' is unknown (count).");
            var yesNoOnly = file.Items.All(i => i.Type == "yesNo");
            Require(yesNoOnly && scoring.Value is "yes" or "no", "count scoring needs yesNo items and value 'yes' or 'no'.");
            countOption = scoring.Value == "yes" ? 0 : 1;
            cutoff = cutoffOverride ?? scoring.Cutoff;
            Require(cutoff >= 1 && cutoff <= items.Count, $"cut-off {cutoff} must be between 1 and the number of items ({items.Count}).");
        }

        var advice = new List<Questionnaire.AdviceRule>();
        foreach (var entry in file.Advice)
        {
            Require(IdPattern().IsMatch(entry.Id), $"advice id '{entry.Id}' must be lower-case letters, digits and hyphens.");
            Require(advice.All(a => a.Id != entry.Id), $"advice id '{entry.Id}' is used twice.");
            var condition = entry.When is null ? Condition.Always : CompileCondition(entry.When, items, cutoff is not null, $"{source}: advice '{entry.Id}'");
            advice.Add(new Questionnaire.AdviceRule(entry.Id, condition, entry));
        }
        Require(advice.Count > 0, "a questionnaire needs at least one advice entry.");
        return new Questionnaire(file, items, countOption, cutoff, advice);
    }

    private static Condition CompileCondition(ConditionFile when, List<Questionnaire.Item> items, bool hasScreen, string where)
    {
        var forms = (when.Answer is not null ? 1 : 0) + (when.Screen is not null ? 1 : 0) + (when.All is not null ? 1 : 0)
            + (when.Any is not null ? 1 : 0) + (when.Not is not null ? 1 : 0);
        if (forms != 1) throw new InvalidDataException($"{where}: a condition has exactly one of answer, screen, all, any, not.");

        if (when.Answer is { } answer)
        {
            var index = items.FindIndex(i => i.Id == answer);
            if (index < 0) throw new InvalidDataException($"{where}: condition names unknown item '{answer}'.");
            if (when.In is not { Count: > 0 }) throw new InvalidDataException($"{where}: condition on '{answer}' needs a non-empty 'in'.");
            ulong mask = 0;
            foreach (var value in when.In)
            {
                var option = items[index].IndexOf(value);
                if (option < 0) throw new InvalidDataException($"{where}: '{value}' is not an option of '{answer}'.");
                mask |= 1UL << option;
            }
            return new AnswerInCondition(index, mask);
        }
        if (when.In is not null) throw new InvalidDataException($"{where}: 'in' belongs with 'answer'.");
        if (when.Screen is { } screen)
        {
            if (!hasScreen) throw new InvalidDataException($"{where}: 'screen' needs count scoring with a cut-off.");
            return screen switch
            {
                "positive" => new ScreenCondition(true),
                "negative" => new ScreenCondition(false),
                _ => throw new InvalidDataException($"{where}: screen is 'positive' or 'negative', not '{screen}'."),
            };
        }
        if (when.All is { } all) return new AllCondition(all.Select(c => CompileCondition(c, items, hasScreen, where)).ToArray());
        if (when.Any is { } any) return new AnyCondition(any.Select(c => CompileCondition(c, items, hasScreen, where)).ToArray());
        return new NotCondition(CompileCondition(when.Not!, items, hasScreen, where));
    }
}
