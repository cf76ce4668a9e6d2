using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Steunpunt.LocalHost.Emulators.SignalR;

/// <summary>
/// The client side of the emulated service: one ASP.NET Core hub that stands for every logical hub, told apart
/// by the <c>hub</c> query value of the connection (checked against the token's audience by
/// <see cref="SignalRClientGate"/>). It has no methods: in Serverless mode the service runs no hub code.
/// </summary>
internal sealed class EmulatorHub(SignalREmulatorRegistry registry) : Hub
{
    public override Task OnConnectedAsync()
    {
        var hub = Context.GetHttpContext()?.Request.Query["hub"].ToString().ToLowerInvariant() ?? "";
        registry.Connected(new SignalREmulatorRegistry.Client(Context.ConnectionId, hub, Context.UserIdentifier, Context));
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Disconnected(Context.ConnectionId);
        return Task.CompletedTask;
    }
}

/// <summary>
/// The JSON hub protocol, except that a client's hub invocation closes its connection with an error: in
/// Serverless mode without upstream (upstream is not emulated) the service has nowhere to send it, and the
/// service documents that such a client is disconnected.
/// </summary>
internal sealed class ServerlessHubProtocol(IHubProtocol inner) : IHubProtocol
{
    public string Name => inner.Name;
    public int Version => inner.Version;
    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message)) return false;
        if (message is InvocationMessage or StreamInvocationMessage or InvocationBindingFailureMessage)
        {
            var target = message switch
            {
                InvocationMessage invocation => invocation.Target,
                InvocationBindingFailureMessage failure => failure.Target,
                _ => ((StreamInvocationMessage)message).Target,
            };
            throw new InvalidDataException(
                $"Serverless mode: the service has no upstream for hub method '{target}' (the emulator does not emulate upstream), so the connection is closed.");
        }
        return true;
    }

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);
    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);
}
