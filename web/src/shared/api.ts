/**
 * The widgets' one way to the API: fetch, JSON in and out, and RFC 7807 problems turned into a message the visitor
 * can read. The server writes its problems in Dutch; for English pages the known kinds get an English text, the
 * field errors stay as the server wrote them (it speaks Dutch only).
 */
import { common, type Lang } from './i18n';

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    message: string,
    readonly problem: Problem,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
  }

  /** The server's messages per field (`answers.q1`, `replyAddress`, ...). */
  get fieldErrors(): Record<string, string[]> {
    return this.problem.errors ?? {};
  }
}

const english: Record<string, string> = {
  'rate-limited': 'You are sending too much at once. Please wait a moment.',
  'chat-closed': 'The chat is closed right now.',
  'chat-ended': 'This chat has ended. You can start a new chat when the chat is open.',
  validation: 'Some of what you entered is not valid.',
  'payload-too-large': 'What you sent is too long.',
  'not-found': 'This could not be found (any more).',
  forbidden: 'You have no access to this.',
  unauthorized: 'You have no access to this.',
  'service-unavailable': 'The service is temporarily unavailable. Please try again shortly.',
  'storage-unavailable': 'The service is temporarily unavailable. Please try again shortly.',
  'internal-error': 'Something went wrong on our side. Please try again later. In an emergency call 112.',
};

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Survives the page being left: the quick exit ends a chat this way without waiting for the answer. */
  keepalive?: boolean;
  signal?: AbortSignal;
}

export class Api {
  constructor(
    readonly base: string,
    readonly lang: Lang,
  ) {}

  url(path: string): string {
    return this.base.replace(/\/+$/, '') + path;
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        keepalive: options.keepalive,
        signal: options.signal,
        // No cookies: the widgets identify nothing but a chat, by a header.
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
      });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw new ApiError(0, 'network', common[this.lang].network, {}, null);
    }
    if (response.ok) {
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }
    throw await this.problem(response);
  }

  private async problem(response: Response): Promise<ApiError> {
    let problem: Problem = {};
    try {
      problem = (await response.json()) as Problem;
    } catch {
      /* not JSON: fall back on the status */
    }
    const kind = (problem.type ?? '').replace(/^urn:steunpunt:problem:/, '') || String(response.status);
    const retry = Number(response.headers.get('Retry-After'));
    return new ApiError(response.status, kind, this.message(response.status, kind, problem), problem, Number.isFinite(retry) && retry > 0 ? retry : null);
  }

  private message(status: number, kind: string, problem: Problem): string {
    const strings = common[this.lang];
    if (this.lang === 'en') {
      return english[kind] ?? (status === 429 ? strings.tooMany : status >= 500 ? strings.unavailable : strings.failed);
    }
    if (problem.detail) return problem.detail;
    return status === 429 ? strings.tooMany : status >= 500 ? strings.unavailable : strings.failed;
  }
}
