namespace Steunpunt.Common;

/// <summary>The one satisfaction scale (chat, mail answer, info mail): a whole mark from 1 to 5.</summary>
public static class Ratings
{
    public const int Lowest = 1;
    public const int Highest = 5;
    public const string OutOfRange = "Geef een cijfer van 1 tot en met 5.";

    public static bool IsValid(int score) => score is >= Lowest and <= Highest;
}
