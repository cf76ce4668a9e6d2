using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Steunpunt.UnitTests.Composition;

/// <summary>
/// A file is named after its type, so a type is found by its name. A file may hold a few small types that only serve its
/// main one (a handler's request and result), but its name is always one of its top-level types.
/// </summary>
public class FileNameTests
{
    public static TheoryData<string> Folders => new(["functions", "tools", "tests", "bench"]);

    [Theory]
    [MemberData(nameof(Folders))]
    public void Every_file_is_named_after_one_of_its_top_level_types(string folder)
    {
        var root = RepositoryFolder();
        var misnamed = Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file))
            .Select(file => (File: Path.GetRelativePath(root, file), Types: TopLevelTypes(File.ReadAllText(file))))
            .Where(f => f.Types.Count > 0 && !f.Types.Contains(Path.GetFileNameWithoutExtension(f.File)))
            .Select(f => $"{f.File}: {string.Join(", ", f.Types)}")
            .ToList();
        Assert.Empty(misnamed);
    }

    [Fact]
    public void The_check_sees_a_misnamed_file()
    {
        Assert.Equal(["ChatStarted", "PostMessageRequest"], TopLevelTypes("namespace A;\npublic sealed record ChatStarted(string Id);\npublic sealed record PostMessageRequest(string Text);"));
        Assert.Equal(["Outer"], TopLevelTypes("namespace A { public class Outer { private sealed class Inner; } }"));
        Assert.Empty(TopLevelTypes("Console.WriteLine(\"top-level statements\");"));
    }

    /// <summary>Types declared in the file itself or in its namespace, not nested ones; a file of top-level statements has none.</summary>
    private static IReadOnlyList<string> TopLevelTypes(string source)
    {
        var unit = CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot();
        return unit.Members
            .SelectMany(member => member is BaseNamespaceDeclarationSyntax ns ? ns.Members : [member])
            .OfType<BaseTypeDeclarationSyntax>()
            .Select(type => type.Identifier.Text)
            .Concat(unit.Members.SelectMany(member => member is BaseNamespaceDeclarationSyntax ns ? ns.Members : [member])
                .OfType<DelegateDeclarationSyntax>().Select(d => d.Identifier.Text))
            .Distinct()
            .ToList();
    }

    private static bool IsBuildOutput(string file)
    {
        var parts = file.Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj") || parts.Contains("node_modules");
    }

    private static string RepositoryFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Steunpunt.slnx"))) return directory.FullName;
        }
        throw new InvalidOperationException("Steunpunt.slnx not found above " + AppContext.BaseDirectory);
    }
}
