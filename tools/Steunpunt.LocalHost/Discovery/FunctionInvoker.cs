using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Steunpunt.Common.Json;

namespace Steunpunt.LocalHost.Discovery;

/// <summary>What one invocation has to bind from: the HTTP context, a queue message or a timer tick.</summary>
public sealed record InvocationInput(HttpContext? Http = null, QueueMessage? Message = null, TimerInfo? Timer = null);

/// <summary>
/// Calls a function the way the isolated worker does: a new instance per invocation from DI (constructor
/// injection), trigger and route values bound to parameters, and the returned result executed as the worker's ASP.NET Core
/// integration does: an <see cref="IActionResult"/> first, else an <see cref="IResult"/> (<c>TypedResults</c>, <c>Results&lt;…&gt;</c>).
/// The binding plan is built once per function, so an invocation does no reflection look-ups.
/// </summary>
public sealed class FunctionInvoker
{
    private readonly ObjectFactory factory;
    private readonly Func<InvocationInput, CancellationToken, object?>[] binders;
    private readonly PropertyInfo? taskResult;

    public FunctionInvoker(FunctionDescriptor function)
    {
        Function = function;
        factory = ActivatorUtilities.CreateFactory(function.Type, Type.EmptyTypes);
        binders = function.Method.GetParameters().Select(p => Binder(function, p)).ToArray();
        // Task<T> for a T other than IActionResult (e.g. Task<Results<…>>): its Result, looked up once.
        var returns = function.Method.ReturnType;
        taskResult = returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>) ? returns.GetProperty(nameof(Task<object>.Result)) : null;
    }

    public FunctionDescriptor Function { get; }

    public async Task<object?> InvokeAsync(IServiceProvider services, InvocationInput input, CancellationToken cancellationToken)
    {
        var instance = Function.Method.IsStatic ? null : factory(services, null);
        try
        {
            var arguments = new object?[binders.Length];
            for (var i = 0; i < binders.Length; i++) arguments[i] = binders[i](input, cancellationToken);
            object? returned;
            try
            {
                returned = Function.Method.Invoke(instance, arguments);
            }
            catch (TargetInvocationException exception) when (exception.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
                throw;
            }
            return returned switch
            {
                Task<IActionResult> task => await task,
                Task task => await AwaitTask(task, taskResult),
                ValueTask<IActionResult> valueTask => await valueTask,
                ValueTask valueTask => await AwaitValueTask(valueTask),
                _ => returned,
            };
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync(); break;
                case IDisposable disposable: disposable.Dispose(); break;
            }
        }
    }

    /// <summary>Invokes an HTTP function and writes its result to the response.</summary>
    public async Task InvokeHttpAsync(HttpContext context)
    {
        var result = await InvokeAsync(context.RequestServices, new InvocationInput(Http: context), context.RequestAborted);
        switch (result)
        {
            case IActionResult actionResult:
                await actionResult.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult httpResult:
                await httpResult.ExecuteAsync(context);
                break;
            case null:
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status200OK;
                await context.Response.WriteAsJsonAsync(result, result.GetType(), JsonDefaults.Web, context.RequestAborted);
                break;
        }
    }

    private static async Task<object?> AwaitTask(Task task, PropertyInfo? result)
    {
        await task;
        return result?.GetValue(task);
    }

    private static async Task<object?> AwaitValueTask(ValueTask task)
    {
        await task;
        return null;
    }

    private static Func<InvocationInput, CancellationToken, object?> Binder(FunctionDescriptor function, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken)) return (_, token) => token;
        if (parameter.Name == function.Trigger.ParameterName)
        {
            return function.Trigger switch
            {
                HttpTriggerDescriptor => (input, _) => input.Http!.Request,
                TimerTriggerDescriptor => (input, _) => input.Timer,
                QueueTriggerDescriptor => QueueBinder(function.Name, type),
                _ => throw new InvalidOperationException($"Function '{function.Name}': unknown trigger."),
            };
        }
        // A route value, converted the way model binding would (TypeConverter, invariant culture).
        var name = parameter.Name!;
        var converter = TypeDescriptor.GetConverter(type);
        return (input, _) =>
        {
            var raw = input.Http?.GetRouteValue(name)?.ToString();
            if (raw is null) return type.IsValueType ? Activator.CreateInstance(type) : null;
            return type == typeof(string) ? raw : converter.ConvertFromInvariantString(raw);
        };
    }

    private static Func<InvocationInput, CancellationToken, object?> QueueBinder(string function, Type type)
    {
        if (type == typeof(string)) return (input, _) => input.Message!.Body.ToString();
        if (type == typeof(BinaryData)) return (input, _) => input.Message!.Body;
        if (type == typeof(byte[])) return (input, _) => input.Message!.Body.ToArray();
        if (type == typeof(QueueMessage)) return (input, _) => input.Message;
        if (type.IsPrimitive) throw new InvalidOperationException($"Function '{function}': a queue trigger cannot bind to {type.Name}.");
        return (input, _) => JsonSerializer.Deserialize(input.Message!.Body.ToMemory().Span, type, JsonDefaults.Web);
    }
}
