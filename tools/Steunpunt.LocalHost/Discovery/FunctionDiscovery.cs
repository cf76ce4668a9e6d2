using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Steunpunt.LocalHost.Discovery;

/// <summary>
/// Finds every <c>[Function]</c> method in an assembly, the way the Worker SDK does at build time, and refuses
/// (with the reason) anything the local host could not run the way the Functions host would.
/// </summary>
public static class FunctionDiscovery
{
    public static IReadOnlyList<FunctionDescriptor> Discover(Assembly assembly)
    {
        var functions = new List<FunctionDescriptor>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function) continue;
                functions.Add(new FunctionDescriptor(function.Name, type, method, Trigger(function.Name, method)));
            }
        }
        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Function name '{duplicate.Key}' is used more than once.");
        return functions.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    private static TriggerDescriptor Trigger(string name, MethodInfo method)
    {
        TriggerDescriptor? trigger = null;
        foreach (var parameter in method.GetParameters())
        {
            TriggerDescriptor? found = parameter.GetCustomAttributes().FirstOrDefault() switch
            {
                HttpTriggerAttribute http => new HttpTriggerDescriptor(parameter.Name!,
                    (http.Methods ?? []).Select(m => m.ToLowerInvariant()).ToList(), http.Route ?? name, http.AuthLevel.ToString()),
                QueueTriggerAttribute queue => new QueueTriggerDescriptor(parameter.Name!, queue.QueueName, queue.Connection),
                TimerTriggerAttribute timer => new TimerTriggerDescriptor(parameter.Name!, timer.Schedule, timer.RunOnStartup, timer.UseMonitor),
                _ => null,
            };
            if (found is null) continue;
            if (trigger is not null) throw new InvalidOperationException($"Function '{name}' has more than one trigger.");
            trigger = found;
        }
        if (trigger is null) throw new InvalidOperationException($"Function '{name}' has no trigger the local host knows (HTTP, queue or timer).");

        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType == typeof(FunctionContext))
            {
                throw new InvalidOperationException(
                    $"Function '{name}' takes a FunctionContext, which the local host does not provide: inject ILogger<T> and services through the constructor instead.");
            }
            if (parameter.Name == trigger.ParameterName || parameter.ParameterType == typeof(CancellationToken)) continue;
            var isRouteValue = trigger is HttpTriggerDescriptor http && http.Route.Contains("{" + parameter.Name, StringComparison.OrdinalIgnoreCase);
            if (!isRouteValue)
            {
                throw new InvalidOperationException(
                    $"Function '{name}': parameter '{parameter.Name}' is neither the trigger, a route value nor a CancellationToken.");
            }
        }
        if (trigger is HttpTriggerDescriptor { ParameterName: var p } && method.GetParameters().First(x => x.Name == p).ParameterType != typeof(HttpRequest))
        {
            throw new InvalidOperationException($"Function '{name}': the HTTP trigger parameter must be an HttpRequest (ASP.NET Core integration).");
        }
        return trigger;
    }
}
