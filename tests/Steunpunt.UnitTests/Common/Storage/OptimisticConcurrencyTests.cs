using System.Text.RegularExpressions;
using Steunpunt.Common.Storage;

namespace Steunpunt.UnitTests.Common.Storage;

public partial class OptimisticConcurrencyTests
{
    [Fact]
    public void A_contended_row_gets_more_tries_than_a_plain_one()
    {
        Assert.InRange(OptimisticConcurrency.Attempts, 2, OptimisticConcurrency.ContendedAttempts - 1);
    }

    [Fact]
    public void The_first_retry_goes_at_once_and_later_ones_wait_up_to_ten_ms_per_attempt()
    {
        var random = new Random(7);
        Assert.Equal(TimeSpan.Zero, OptimisticConcurrency.PauseBefore(0, random));
        Assert.Equal(TimeSpan.Zero, OptimisticConcurrency.PauseBefore(1, random));
        for (var attempt = 2; attempt < OptimisticConcurrency.ContendedAttempts; attempt++)
        {
            var pauses = Enumerable.Range(0, 200).Select(_ => OptimisticConcurrency.PauseBefore(attempt, random).TotalMilliseconds).ToList();
            Assert.All(pauses, p => Assert.InRange(p, 1, 10 * attempt - 1));
            Assert.True(pauses.Distinct().Count() > 1, "the pause is random, so colliding writers spread out");
        }
    }

    /// <summary>A retry loop counts to a named number, so every read-change-write gives up at the same point.</summary>
    [Fact]
    public void No_retry_loop_in_the_app_or_the_local_host_counts_to_a_literal()
    {
        var root = RepositoryFolder();
        var literals = new[] { "functions", "tools" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i))
                .Where(l => LiteralCount().IsMatch(l.line))
                .Select(l => $"{Path.GetRelativePath(root, l.file)}:{l.i + 1}: {l.line.Trim()}"))
            .ToList();
        Assert.Empty(literals);
        Assert.Matches(LiteralCount(), "for (var attempt = 0; attempt < 8; attempt++)");
    }

    private static string RepositoryFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Steunpunt.slnx"))) return directory.FullName;
        }
        throw new InvalidOperationException("Steunpunt.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\b(attempt|tries|retry|retries)\w*\s*(<|<=|==)\s*\d+\b", RegexOptions.IgnoreCase)]
    private static partial Regex LiteralCount();
}
