using Microsoft.Azure.Functions.Worker;

namespace Steunpunt.UnitTests.Probes;

/// <summary>A function the local host must refuse: it asks for a FunctionContext.</summary>
public sealed class ContextProbe
{
    [Function("ContextProbe")]
    public void Run([QueueTrigger("probe")] string message, FunctionContext context)
    {
    }
}
