using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Steunpunt.Common.Http;
using Steunpunt.Common.Json;

namespace Steunpunt.LocalHost.Emulators;

internal static class EmulatorResults
{
    /// <summary>Our own problem-details result as a minimal-API result.</summary>
    public static IResult From(IActionResult result)
    {
        var json = (JsonResponse)result;
        return Results.Json(json.Value, JsonDefaults.Web, json.ContentType, json.StatusCode);
    }
}
