using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Steunpunt.Composition;

namespace Steunpunt.UnitTests.Composition;

/// <summary>
/// One handler convention (docs/architecture.md): a function is a public sealed class of its slice, named verb + noun
/// after what it does (<c>StartChat</c>), with one method <c>Run</c> whose function name is the class name; a GET is
/// <c>Get…</c> (one thing) or <c>List…</c> (many), and no other method uses those verbs.
/// </summary>
public class FunctionNamingTests
{
    private static readonly Assembly Functions = typeof(SteunpuntServices).Assembly;

    private static List<MethodInfo> FunctionMethods() => Functions.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToList();

    [Fact]
    public void The_app_has_functions_to_check() => Assert.True(FunctionMethods().Count > 50);

    [Fact]
    public void Every_function_is_a_public_sealed_class_named_as_the_function_with_one_instance_Run()
    {
        var outliers = FunctionMethods()
            .Where(m => !FollowsTheShape(m, m.GetCustomAttribute<FunctionAttribute>()!.Name))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name} [Function(\"{m.GetCustomAttribute<FunctionAttribute>()!.Name}\")]")
            .ToList();
        Assert.Empty(outliers);
    }

    [Fact]
    public void A_class_holds_one_function()
        => Assert.Empty(FunctionMethods().GroupBy(m => m.DeclaringType!).Where(g => g.Count() > 1).Select(g => g.Key.FullName));

    [Fact]
    public void A_get_is_named_Get_or_List_and_nothing_else_is()
    {
        var outliers = FunctionMethods()
            .Select(m => (Name: m.DeclaringType!.Name, IsGet: HttpMethods(m).Contains("get")))
            .Where(f => f.IsGet != (StartsWithWord(f.Name, "Get") || StartsWithWord(f.Name, "List")))
            .Select(f => f.Name)
            .ToList();
        Assert.Empty(outliers);
    }

    [Fact]
    public void The_checks_see_an_outlier()
    {
        Assert.False(FollowsTheShape(typeof(Outlier).GetMethod(nameof(Outlier.Handle))!, "ChatStarter"));
        Assert.True(FollowsTheShape(typeof(global::Steunpunt.Chat.StartChat).GetMethod("Run")!, "StartChat"));
        Assert.True(StartsWithWord("GetChat", "Get"));
        Assert.False(StartsWithWord("Getaway", "Get"));
    }

    private static bool FollowsTheShape(MethodInfo method, string functionName)
    {
        var type = method.DeclaringType!;
        return type is { IsPublic: true, IsSealed: true, IsAbstract: false, IsNested: false }
            && type.Namespace?.StartsWith("Steunpunt.", StringComparison.Ordinal) == true
            && method is { Name: "Run", IsPublic: true, IsStatic: false }
            && functionName == type.Name;
    }

    private static IEnumerable<string> HttpMethods(MethodInfo method)
        => method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>()
            .SelectMany(t => t.Methods ?? []).Select(m => m.ToLowerInvariant());

    private static bool StartsWithWord(string name, string verb)
        => name.StartsWith(verb, StringComparison.Ordinal) && name.Length > verb.Length && char.IsUpper(name[verb.Length]);

    private sealed class Outlier
    {
        public static void Handle() { }
    }
}
