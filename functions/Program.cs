using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Steunpunt.Common.Http;
using Steunpunt.Common.Telemetry;
using Steunpunt.Composition;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// The worker's own Kestrel names itself otherwise, and the host passes the header on (docs/operations.md#response-headers).
builder.Services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
builder.UseMiddleware<SecurityHeadersMiddleware>();
builder.UseMiddleware<UnhandledExceptionMiddleware>();
builder.Services.AddSteunpunt(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);
builder.Build().Run();
