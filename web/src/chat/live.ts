/**
 * The chat's real-time line: SignalR (loaded when a chat starts) on hub `chat`, negotiated through the chat's own
 * endpoint with the visitor token in a header (the browser puts only the service's short-lived token on the
 * WebSocket URL). SignalR's automatic reconnect covers short drops; when it gives up, a new connection is tried with
 * growing pauses for as long as the chat is open. After every (re)connect the widget reads on from its cursor, so a
 * message pushed while the line was down is not lost.
 */
import type { HubConnection } from '@microsoft/signalr';
import type { Api } from '../shared/api';
import { loadSignalR } from './signalr-loader';

export interface ChatMessage {
  seq: number;
  from: 'visitor' | 'staff' | 'system';
  text: string;
  sentAt: string;
  staffName?: string | null;
}

export interface StateChange {
  state: 'waiting' | 'active' | 'closed';
  position?: number | null;
  staffName?: string | null;
}

export type LineStatus = 'connected' | 'reconnecting';

export interface LiveEvents {
  message(message: ChatMessage): void;
  state(change: StateChange): void;
  typing(): void;
  status(status: LineStatus): void;
  /** Read on from the cursor: after a (re)connect, or when a connection could not be made. */
  resync(): void;
}

const RESTART_MS = [2000, 5000, 10000, 30000];

export class Live {
  private connection?: HubConnection;
  private stopped = false;
  private restarts = 0;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly api: Api,
    private readonly chatId: string,
    private readonly token: string,
    private readonly events: LiveEvents,
  ) {}

  get connected(): boolean {
    return String(this.connection?.state) === 'Connected';
  }

  async start(): Promise<void> {
    const signalR = await loadSignalR();
    if (this.stopped) return;
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(this.api.url(`/api/chats/${encodeURIComponent(this.chatId)}`), {
        headers: { 'X-Visitor-Token': this.token },
        // No cookies are involved, so the API's CORS need not allow credentials.
        withCredentials: false,
      })
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000])
      .configureLogging(signalR.LogLevel.None)
      .build();
    connection.on('chatMessage', (message: ChatMessage) => this.events.message(message));
    connection.on('chatState', (change: StateChange) => this.events.state(change));
    connection.on('queuePosition', (change: StateChange) => this.events.state(change));
    connection.on('typing', () => this.events.typing());
    connection.onreconnecting(() => this.events.status('reconnecting'));
    connection.onreconnected(() => {
      this.events.status('connected');
      this.events.resync();
    });
    connection.onclose(() => {
      if (this.stopped) return;
      this.events.status('reconnecting');
      this.schedule();
    });
    this.connection = connection;
    await this.open();
  }

  /** Tries again now (the browser says it is online again). */
  nudge(): void {
    if (this.stopped || String(this.connection?.state) !== 'Disconnected') return;
    clearTimeout(this.timer);
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    void this.connection?.stop().catch(() => undefined);
  }

  private async open(): Promise<void> {
    try {
      await this.connection!.start();
      this.restarts = 0;
      this.events.status('connected');
    } catch {
      if (this.stopped) return;
      this.events.status('reconnecting');
      this.schedule();
    }
    // Also when the connection failed: the chat may have ended meanwhile, which the read tells.
    this.events.resync();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const delay = RESTART_MS[Math.min(this.restarts++, RESTART_MS.length - 1)];
    this.timer = setTimeout(() => void this.open(), delay);
  }
}
