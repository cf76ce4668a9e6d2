using Steunpunt.LocalHost;
using Steunpunt.LocalHost.Azurite;
using Steunpunt.LocalHost.Settings;

// Runs the Function App locally: Azurite (started when nothing listens on its ports), then the functions on
// http://localhost:7071. Ctrl+C stops both.
var root = RepositoryRoot.Find();
await using var azurite = args.Contains("--no-azurite")
    ? null
    : await AzuriteProcess.EnsureRunningAsync(root, Path.Combine(root, ".azurite"), Console.Out);

var app = LocalFunctionsHost.Build(args.Where(a => a != "--no-azurite").ToArray());
await app.StartAsync();
var url = LocalFunctionsHost.Addresses(app).FirstOrDefault() ?? LocalFunctionsHost.DefaultUrl;
Console.WriteLine($"""

    Steunpunt draait lokaal op {url}
      demo (website met de widgets): {url}/demo/
      gezondheid:  {url}/api/health
      zelftests:   {url}/api/selftests
      API (OpenAPI): {url}/api/openapi.json
      uitgaande post: {url}/dev/outbox
      overzicht:   {url}/
    Stoppen: Ctrl+C

    """);
await app.WaitForShutdownAsync();
