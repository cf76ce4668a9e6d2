namespace Steunpunt.LocalHost.Settings;

/// <summary>Finds the repository root (where host.json and package.json live) from the working folder or the app's folder.</summary>
public static class RepositoryRoot
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "host.json")) && File.Exists(Path.Combine(dir.FullName, "package.json"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the Steunpunt repository root (a folder with host.json and package.json) above the working folder.");
    }
}
