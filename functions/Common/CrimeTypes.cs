namespace Steunpunt.Common;

/// <summary>The crime types visitors choose from (chat topics, mail form), as the organisation counts them.</summary>
public static class CrimeTypes
{
    public const string SexualOffence = "sexual-offence";
    public const string Violence = "violence";
    public const string Burglary = "burglary";
    public const string TrafficAccident = "traffic-accident";
    public const string Stalking = "stalking";
    public const string Fraud = "fraud";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [SexualOffence, Violence, Burglary, TrafficAccident, Stalking, Fraud, Other];
}
