using System.Runtime;
using System.Runtime.InteropServices;

namespace Steunpunt.Bench.Reporting;

/// <summary>What the figures depend on besides the code: without it, numbers from two machines get compared.</summary>
public sealed record MachineInfo(int ProcessorCount, string Os, string Runtime, string Architecture, string Gc, string Configuration)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.ProcessArchitecture.ToString(),
        GCSettings.IsServerGC ? "server" : "workstation",
#if DEBUG
        "Debug");
#else
        "Release");
#endif
}
