// The SignalR client as a bundle of its own, loaded by the chat only when a chat starts (see chat/signalr-loader.ts).
export { HubConnectionBuilder, HubConnectionState, HttpTransportType, LogLevel } from '@microsoft/signalr';
