using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace Steunpunt.Common.Telemetry;

/// <summary>
/// Keeps what visitors send out of Application Insights where the SDK collects it by itself: query strings of
/// request and dependency URLs (a table query's filter, a SAS, a SignalR access token) and exception messages,
/// which can quote input. The type of an exception and its stack stay.
/// </summary>
public sealed class TelemetryRedaction : ITelemetryInitializer
{
    public const string Redacted = "(redacted)";

    public void Initialize(ITelemetry telemetry)
    {
        switch (telemetry)
        {
            case RequestTelemetry request when request.Url is not null:
                request.Url = WithoutQuery(request.Url);
                request.Name = WithoutQuery(request.Name);
                break;
            case DependencyTelemetry dependency:
                dependency.Data = WithoutQuery(dependency.Data);
                dependency.Name = WithoutQuery(dependency.Name);
                break;
            case ExceptionTelemetry exception:
                exception.Message = exception.Exception?.GetType().FullName ?? Redacted;
                foreach (var detail in exception.ExceptionDetailsInfoList) detail.Message = Redacted;
                break;
        }
    }

    private static Uri WithoutQuery(Uri url)
        => url.IsAbsoluteUri && url.Query.Length > 0 ? new UriBuilder(url) { Query = "" }.Uri : url;

    internal static string? WithoutQuery(string? text)
        => text is null ? null : text.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? text[..at] : text;
}
