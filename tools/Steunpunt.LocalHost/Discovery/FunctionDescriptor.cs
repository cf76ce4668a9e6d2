using System.Reflection;

namespace Steunpunt.LocalHost.Discovery;

/// <summary>One function as the local host found it from its attributes: what triggers it and where it lives.</summary>
public sealed record FunctionDescriptor(string Name, Type Type, MethodInfo Method, TriggerDescriptor Trigger);

public abstract record TriggerDescriptor(string ParameterName, string Kind);

/// <summary><paramref name="Methods"/> is empty when the function accepts every method.</summary>
public sealed record HttpTriggerDescriptor(string ParameterName, IReadOnlyList<string> Methods, string Route, string AuthLevel)
    : TriggerDescriptor(ParameterName, "httpTrigger");

public sealed record QueueTriggerDescriptor(string ParameterName, string QueueName, string? Connection)
    : TriggerDescriptor(ParameterName, "queueTrigger");

public sealed record TimerTriggerDescriptor(string ParameterName, string Schedule, bool RunOnStartup, bool UseMonitor)
    : TriggerDescriptor(ParameterName, "timerTrigger");
