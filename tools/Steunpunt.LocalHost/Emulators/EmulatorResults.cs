using Microsoft.AspNetCore.Http;
using Steunpunt.Common.Http;
using Steunpunt.Common.Json;

namespace Steunpunt.LocalHost.Emulators;

internal static class EmulatorResults
{
    /// <summary>Our own problem-details result as a minimal-API result.</summary>
    public static IResult From(ProblemResult problem) => Results.Json(problem.Value, JsonDefaults.Web, problem.ContentType, problem.StatusCode);
}
