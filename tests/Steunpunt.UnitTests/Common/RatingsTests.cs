using Steunpunt.Common;

namespace Steunpunt.UnitTests.Common;

public class RatingsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Marks_from_1_to_5_are_valid(int score) => Assert.True(Ratings.IsValid(score));

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Marks_outside_1_to_5_are_refused(int score) => Assert.False(Ratings.IsValid(score));
}
