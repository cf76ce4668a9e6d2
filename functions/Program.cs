using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Steunpunt.Common.Http;
using Steunpunt.Common.Telemetry;
using Steunpunt.Composition;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<UnhandledExceptionMiddleware>();
builder.Services.AddSteunpunt(builder.Configuration);
builder.Services.AddTelemetry(builder.Configuration);
builder.Build().Run();
