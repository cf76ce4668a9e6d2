/**
 * <steunpunt-chat>: the anonymous chat with staff. Nothing is fetched or stored until the visitor opens it; then it
 * shows whether the chat is open (and, when closed, the server's message with the next opening and the
 * alternatives), starts a chat with an optional topic and police-report question, shows the place in the queue and
 * who joined, carries messages and typing both ways, ends, rates and deletes. The chat id and visitor token are kept
 * in sessionStorage from the start of a chat, so a reload in the same tab resumes it; the transcript is not stored.
 */
import { ApiError } from '../shared/api';
import { h, uid } from '../shared/dom';
import { quickExit } from '../shared/quick-exit';
import * as storage from '../shared/storage';
import { define, SteunpuntWidget } from '../shared/widget';
import css from './chat.css?inline';
import { Live, type ChatMessage, type LineStatus, type StateChange } from './live';
import { chatStrings, topics, type ChatStrings } from './strings';

const STORE_KEY = 'chat';
const MAX_LENGTH = 2000;
const TYPING_EVERY_MS = 3000;
const TYPING_SHOWN_MS = 5000;
const POLL_MS = 5000;

interface StoredChat {
  id: string;
  token: string;
}

interface Availability {
  open: boolean;
  message: string;
  nextOpening?: string | null;
  alternatives?: { mailFormUrl?: string; selfTestUrl?: string; phone?: string; phoneHours?: string };
}

interface ChatView {
  id: string;
  state: 'waiting' | 'active' | 'closed';
  position: number | null;
  staffName: string | null;
  canRate: boolean;
  messages: ChatMessage[];
  cursor: number;
}

const firstName = (name: string | null | undefined): string | null => name?.trim().split(/\s+/)[0] || null;

class SteunpuntChat extends SteunpuntWidget {
  private opened = false;
  private chat: StoredChat | null = null;
  private state: ChatView['state'] = 'waiting';
  private position: number | null = null;
  private staffName: string | null = null;
  private canRate = false;
  private rated = false;
  private readonly messages = new Map<number, ChatMessage>();
  private cursor = 0;
  private live?: Live;
  private poll?: ReturnType<typeof setInterval>;
  private syncing?: Promise<void>;
  private syncAgain = false;
  private lastTyping = 0;
  private typingTimer?: ReturnType<typeof setTimeout>;
  private lineStatus: LineStatus = 'connected';

  // Parts of the panel that change in place, so typing and focus survive updates.
  private panel?: HTMLElement;
  private launcher?: HTMLElement;
  private body?: HTMLElement;
  private heading?: HTMLElement;
  private statusLine?: HTMLElement;
  private lineNotice?: HTMLElement;
  private log?: HTMLOListElement;
  private typingLine?: HTMLElement;
  private errorLine?: HTMLElement;
  private composer?: HTMLFormElement;
  private field?: HTMLTextAreaElement;

  constructor() {
    super(css);
    this.onOnline = this.onOnline.bind(this);
  }

  private get s(): ChatStrings {
    return chatStrings[this.language];
  }

  connectedCallback(): void {
    super.connectedCallback();
    addEventListener('online', this.onOnline);
    // A chat this tab started: open and resume it. Nothing else is read or sent before the visitor opens the chat.
    const stored = storage.read<StoredChat>(STORE_KEY);
    if (stored?.id && stored.token && !this.chat) {
      this.chat = stored;
      this.open(false);
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('online', this.onOnline);
    this.stopLive();
  }

  protected render(): void {
    const s = this.s;
    const headingId = uid('chat-title');
    const panelId = uid('chat-panel');
    this.heading = h('h2', { id: headingId, tabindex: '-1' }, s.title);
    this.body = h('div', { class: 'body' });
    this.panel = h(
      'section',
      { class: 'panel', id: panelId, 'aria-labelledby': headingId, hidden: !this.opened },
      h('header', {}, h('div', { class: 'title-row' }, this.heading,
        h('button', { type: 'button', class: 'secondary hide', 'aria-expanded': 'true', 'aria-controls': panelId, onclick: () => this.hide() }, s.hide)),
        this.exitBar()),
      this.body,
    );
    this.launcher = h(
      'div',
      { class: 'launcher', hidden: this.opened },
      h('a', { class: 'exit', href: this.exitUrl, rel: 'noreferrer', onclick: ((e: Event) => { e.preventDefault(); quickExit(); }) as EventListener }, this.common.exit),
      h('button', { type: 'button', class: 'open', 'aria-expanded': 'false', 'aria-controls': panelId, onclick: () => this.open(true) }, s.launcher),
    );
    this.view.replaceChildren(this.launcher, this.panel);
    if (this.opened) this.showCurrent();
  }

  // ---- opening and the first view ----------------------------------------------------------------------------

  private open(focus: boolean): void {
    const first = !this.opened;
    this.opened = true;
    this.panel!.hidden = false;
    this.launcher!.hidden = true;
    if (focus) this.heading!.focus();
    if (!first) return;
    if (this.chat) void this.resume();
    else void this.checkAvailability();
  }

  private hide(): void {
    this.panel!.hidden = true;
    this.launcher!.hidden = false;
    (this.launcher!.querySelector('button.open') as HTMLButtonElement).focus();
  }

  /** Redraws the body for the state the chat is in (after a language change or a resume). */
  private showCurrent(): void {
    if (!this.chat) void this.checkAvailability();
    else if (this.state === 'closed') this.showEnded();
    else this.showChat();
  }

  private async checkAvailability(): Promise<void> {
    const s = this.s;
    this.body!.replaceChildren(h('p', { role: 'status' }, s.checking));
    try {
      const availability = await this.api.request<Availability>('/api/chats/availability');
      if (availability.open) this.showForm(availability.message);
      else this.showClosed(availability.message, availability.alternatives);
    } catch (error) {
      this.showProblem(error);
    }
  }

  private showClosed(message: string, alternatives: Availability['alternatives'] = {}): void {
    const s = this.s;
    const items = [
      alternatives.mailFormUrl && h('li', {}, h('a', { href: alternatives.mailFormUrl }, s.mailForm)),
      alternatives.selfTestUrl && h('li', {}, h('a', { href: alternatives.selfTestUrl }, s.selfTest)),
      alternatives.phone &&
        h('li', {}, `${s.phone}: `, h('a', { href: `tel:${alternatives.phone.replace(/[^\d+]/g, '')}` }, alternatives.phone),
          alternatives.phoneHours ? ` (${alternatives.phoneHours})` : ''),
    ];
    const title = h('h3', { tabindex: '-1' }, s.closedTitle);
    this.body!.replaceChildren(title, h('p', { class: 'server-message' }, message), h('h4', {}, s.alternatives), h('ul', { class: 'alternatives' }, items));
  }

  private showProblem(error: unknown): void {
    const message = error instanceof ApiError ? error.message : this.common.failed;
    this.body!.replaceChildren(h('p', { role: 'alert', class: 'error' }, message),
      h('button', { type: 'button', onclick: () => void this.checkAvailability() }, this.language === 'en' ? 'Try again' : 'Probeer opnieuw'));
  }

  // ---- the start form -----------------------------------------------------------------------------------------

  private showForm(message: string): void {
    const s = this.s;
    const topicId = uid('chat-topic');
    const policeName = uid('chat-police');
    const error = h('p', { class: 'error', role: 'alert' });
    const select = h('select', { id: topicId, name: 'topic' }, h('option', { value: '' }, s.topicNone),
      topics.map(t => h('option', { value: t }, s.topicNames[t])));
    const radio = (value: string, label: string) => {
      const id = uid('chat-police-option');
      return h('div', { class: 'choice' }, h('input', { type: 'radio', id, name: policeName, value }), h('label', { for: id }, label));
    };
    const button = h('button', { type: 'submit' }, s.start);
    const form = h('form', { class: 'start', novalidate: true },
      h('p', {}, message), h('p', {}, s.intro),
      h('label', { for: topicId }, s.topicLabel), select,
      h('fieldset', {}, h('legend', {}, s.policeLegend), radio('yes', s.yes), radio('no', s.no)),
      error, button);
    form.addEventListener('submit', event => {
      event.preventDefault();
      const police = (form.querySelector(`input[name="${policeName}"]:checked`) as HTMLInputElement | null)?.value;
      void this.start({ topic: select.value || undefined, aboutPoliceReport: police === 'yes' }, button, error);
    });
    this.body!.replaceChildren(form);
  }

  private async start(request: { topic?: string; aboutPoliceReport: boolean }, button: HTMLButtonElement, error: HTMLElement): Promise<void> {
    button.disabled = true;
    error.textContent = this.s.starting;
    try {
      const started = await this.api.request<{ id: string; visitorToken: string; state: ChatView['state']; position: number }>('/api/chats', {
        method: 'POST',
        body: request,
      });
      // The first thing the widget ever stores, and only now that the visitor started a chat.
      this.chat = { id: started.id, token: started.visitorToken };
      storage.write(STORE_KEY, this.chat);
      this.state = started.state;
      this.position = started.position;
      this.showChat();
      this.field?.focus();
      this.startLive();
    } catch (problem) {
      button.disabled = false;
      if (problem instanceof ApiError && problem.kind === 'chat-closed') {
        this.showClosed(problem.problem.detail ?? problem.message, problem.problem.alternatives as Availability['alternatives']);
        return;
      }
      error.textContent = problem instanceof ApiError ? problem.message : this.common.failed;
    }
  }

  // ---- the chat -----------------------------------------------------------------------------------------------

  private async resume(): Promise<void> {
    this.body!.replaceChildren(h('p', { role: 'status' }, this.s.checking));
    try {
      await this.sync();
    } catch (error) {
      // The chat is gone (deleted, purged) or the token is not its own: start afresh.
      if (error instanceof ApiError && [401, 403, 404].includes(error.status)) {
        this.forget();
        void this.checkAvailability();
        return;
      }
      this.showProblem(error);
      return;
    }
    if (this.state === 'closed') this.showEnded();
    else {
      this.showChat();
      this.startLive();
    }
  }

  private showChat(): void {
    const s = this.s;
    const fieldId = uid('chat-message');
    this.statusLine = h('p', { role: 'status', class: 'queue' });
    this.lineNotice = h('p', { role: 'status', class: 'line' });
    this.log = h('ol', { class: 'messages' });
    const transcript = h('div', { class: 'log', role: 'log', 'aria-label': s.transcript, tabindex: '0' }, this.log);
    this.typingLine = h('p', { class: 'typing', 'aria-live': 'polite' });
    this.errorLine = h('p', { class: 'error', role: 'alert' });
    this.field = h('textarea', { id: fieldId, name: 'text', rows: '3', maxlength: String(MAX_LENGTH), autocomplete: 'off' });
    this.field.addEventListener('input', () => this.typed());
    this.field.addEventListener('keydown', event => {
      // Enter sends, Shift+Enter is a new line (as in most chats).
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.composer!.requestSubmit();
      }
    });
    this.composer = h('form', { class: 'composer', novalidate: true },
      h('label', { for: fieldId }, s.messageLabel), this.field, h('button', { type: 'submit' }, s.send));
    this.composer.addEventListener('submit', event => {
      event.preventDefault();
      void this.send();
    });
    const actions = h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => void this.end() }, s.end),
      this.deleteControl());
    this.body!.replaceChildren(this.statusLine, this.lineNotice, transcript, this.typingLine, this.errorLine, this.composer, actions);
    for (const message of [...this.messages.values()].sort((a, b) => a.seq - b.seq)) this.draw(message);
    this.showStatus();
  }

  private showStatus(): void {
    if (!this.statusLine) return;
    const s = this.s;
    const name = firstName(this.staffName);
    this.statusLine.textContent =
      this.state === 'active' && name ? s.joined(name) : this.state === 'waiting' ? (this.position ? s.position(this.position) : s.waiting) : '';
  }

  private draw(message: ChatMessage): void {
    if (!this.log) return;
    const s = this.s;
    const who = message.from === 'visitor' ? s.you : message.from === 'staff' ? firstName(message.staffName) ?? s.staff : '';
    const time = new Date(message.sentAt);
    const item = h('li', { class: message.from, 'data-seq': String(message.seq) },
      who && h('span', { class: 'who' }, `${who} `, h('time', { datetime: message.sentAt }, isNaN(time.getTime()) ? '' : time.toLocaleTimeString(this.language === 'en' ? 'en-GB' : 'nl-NL', { hour: '2-digit', minute: '2-digit' }))),
      h('p', { class: 'text' }, message.text));
    // In order of sequence number, whatever order pushes and reads arrive in.
    const after = [...this.log.children].find(li => Number((li as HTMLElement).dataset.seq) > message.seq) ?? null;
    this.log.insertBefore(item, after);
    const scroller = this.log.parentElement!;
    scroller.scrollTop = scroller.scrollHeight;
  }

  private add(message: ChatMessage): void {
    if (this.messages.has(message.seq)) return;
    this.messages.set(message.seq, message);
    while (this.messages.has(this.cursor + 1)) this.cursor++;
    this.draw(message);
    if (message.from === 'staff' && this.typingLine) this.typingLine.textContent = '';
    // A gap: a push went missing, so read the rest from the cursor.
    if (message.seq > this.cursor) void this.resync();
  }

  private changeState(change: StateChange): void {
    const was = this.state;
    if (change.state) this.state = change.state;
    if (change.position !== undefined) this.position = change.position ?? null;
    if (change.staffName) this.staffName = change.staffName;
    if (this.state === 'closed' && was !== 'closed') {
      this.stopLive();
      // The closing line and anything before it, then the rating.
      void this.sync().catch(() => undefined).then(() => this.showEnded());
      return;
    }
    this.showStatus();
  }

  private async send(): Promise<void> {
    const s = this.s;
    const text = this.field!.value.trim();
    if (!text) return;
    if (text.length > MAX_LENGTH) {
      this.errorLine!.textContent = s.tooLong(MAX_LENGTH);
      return;
    }
    this.errorLine!.textContent = '';
    const button = this.composer!.querySelector('button') as HTMLButtonElement;
    button.disabled = true;
    try {
      const sent = await this.api.request<{ seq: number; sentAt: string }>(`/api/chats/${this.chat!.id}/messages`, {
        method: 'POST',
        headers: this.tokenHeader(),
        body: { text },
      });
      this.field!.value = '';
      this.add({ seq: sent.seq, from: 'visitor', text, sentAt: sent.sentAt });
    } catch (error) {
      // The text stays in the field: nothing the visitor wrote is lost when the line is down.
      this.errorLine!.textContent = error instanceof ApiError ? error.message : this.common.failed;
      if (error instanceof ApiError && error.kind === 'chat-ended') void this.resync();
    } finally {
      button.disabled = false;
      this.field!.focus();
    }
  }

  private typed(): void {
    const now = Date.now();
    if (this.state !== 'active' || now - this.lastTyping < TYPING_EVERY_MS || !this.field!.value) return;
    this.lastTyping = now;
    // "Typing" is a courtesy: a refused or lost one is not worth telling the visitor about.
    void this.api.request(`/api/chats/${this.chat!.id}/typing`, { method: 'POST', headers: this.tokenHeader() }).catch(() => undefined);
  }

  private staffTyping(): void {
    if (!this.typingLine) return;
    this.typingLine.textContent = this.s.typing(firstName(this.staffName) ?? this.s.staff);
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => {
      if (this.typingLine) this.typingLine.textContent = '';
    }, TYPING_SHOWN_MS);
  }

  private async end(): Promise<void> {
    try {
      const view = await this.api.request<ChatView>(`/api/chats/${this.chat!.id}/close`, { method: 'POST', headers: this.tokenHeader() });
      this.stopLive();
      this.state = 'closed';
      this.canRate = view.canRate;
      await this.sync().catch(() => undefined);
      this.showEnded();
    } catch (error) {
      if (this.errorLine) this.errorLine.textContent = error instanceof ApiError ? error.message : this.common.failed;
    }
  }

  // ---- after the chat -----------------------------------------------------------------------------------------

  private showEnded(): void {
    const s = this.s;
    this.stopLive();
    const title = h('h3', { tabindex: '-1' }, s.ended);
    this.log = h('ol', { class: 'messages' });
    const transcript = h('div', { class: 'log', role: 'log', 'aria-label': s.transcript, tabindex: '0' }, this.log);
    this.statusLine = this.typingLine = this.composer = this.field = undefined;
    this.errorLine = h('p', { class: 'error', role: 'alert' });
    const parts: HTMLElement[] = [title, transcript];
    if (this.canRate && !this.rated) parts.push(this.ratingForm());
    else if (this.rated) parts.push(h('p', { role: 'status' }, s.rated));
    parts.push(this.errorLine, h('div', { class: 'actions' }, this.deleteControl(),
      h('button', { type: 'button', class: 'secondary', onclick: () => this.newChat() }, s.newChat)));
    this.body!.replaceChildren(...parts);
    for (const message of [...this.messages.values()].sort((a, b) => a.seq - b.seq)) this.draw(message);
    if (this.root.activeElement === null || !this.body!.contains(this.root.activeElement)) title.focus();
  }

  private ratingForm(): HTMLFormElement {
    const s = this.s;
    const name = uid('chat-score');
    const commentId = uid('chat-comment');
    const error = h('p', { class: 'error', role: 'alert' });
    const comment = h('textarea', { id: commentId, name: 'comment', rows: '2', maxlength: '1000' });
    const form = h('form', { class: 'rating', novalidate: true },
      h('fieldset', {}, h('legend', {}, s.ratingLegend),
        h('div', { class: 'scores' }, s.ratingNames.map((label, i) => {
          const id = uid('chat-score-option');
          return h('div', { class: 'choice' }, h('input', { type: 'radio', id, name, value: String(i + 1) }), h('label', { for: id }, label));
        }))),
      h('label', { for: commentId }, s.commentLabel), comment, error, h('button', { type: 'submit' }, s.rate));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const score = Number((form.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement | null)?.value);
      if (!score) {
        error.textContent = s.rateMissing;
        return;
      }
      try {
        await this.api.request(`/api/chats/${this.chat!.id}/satisfaction`, {
          method: 'POST',
          headers: this.tokenHeader(),
          body: comment.value.trim() ? { score, comment: comment.value.trim() } : { score },
        });
        this.rated = true;
        this.showEnded();
      } catch (problem) {
        if (problem instanceof ApiError && problem.kind === 'already-rated') {
          this.rated = true;
          this.showEnded();
          return;
        }
        error.textContent = problem instanceof ApiError ? problem.message : this.common.failed;
      }
    });
    return form;
  }

  /** "Delete my conversation", with a second click to confirm in place (no browser dialog). */
  private deleteControl(): HTMLElement {
    const s = this.s;
    const wrapper = h('div', { class: 'delete' });
    const ask = h('button', { type: 'button', class: 'secondary', onclick: () => {
      const yes = h('button', { type: 'button', class: 'danger', onclick: () => void this.erase() }, this.language === 'en' ? 'Yes, delete' : 'Ja, verwijderen');
      wrapper.replaceChildren(h('p', { role: 'alert' }, s.deleteConfirm), yes,
        h('button', { type: 'button', class: 'secondary', onclick: () => wrapper.replaceChildren(ask) }, this.language === 'en' ? 'Cancel' : 'Annuleren'));
      yes.focus();
    } }, s.delete);
    wrapper.append(ask);
    return wrapper;
  }

  private async erase(): Promise<void> {
    try {
      await this.api.request(`/api/chats/${this.chat!.id}`, { method: 'DELETE', headers: this.tokenHeader() });
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) {
        if (this.errorLine) this.errorLine.textContent = error instanceof ApiError ? error.message : this.common.failed;
        return;
      }
    }
    this.forget();
    const title = h('h3', { tabindex: '-1' }, this.s.deleted);
    this.body!.replaceChildren(title, h('button', { type: 'button', onclick: () => void this.checkAvailability() }, this.s.newChat));
    title.focus();
  }

  private newChat(): void {
    this.forget();
    void this.checkAvailability();
  }

  /** Drops the chat from memory and storage. */
  private forget(): void {
    this.stopLive();
    storage.remove(STORE_KEY);
    this.chat = null;
    this.messages.clear();
    this.cursor = 0;
    this.state = 'waiting';
    this.position = this.staffName = null;
    this.canRate = this.rated = false;
    this.log = undefined;
  }

  // ---- real time and catching up ------------------------------------------------------------------------------

  private startLive(): void {
    if (!this.chat || this.live) return;
    const live = new Live(this.api, this.chat.id, this.chat.token, {
      message: message => this.add(message),
      state: change => this.changeState(change),
      typing: () => this.staffTyping(),
      status: status => this.lineChanged(status),
      resync: () => void this.resync(),
    });
    this.live = live;
    live.start().catch(() => {
      // The SignalR bundle did not load: the chat goes on by reading every few seconds.
      this.lineChanged('reconnecting');
    });
  }

  private stopLive(): void {
    this.live?.stop();
    this.live = undefined;
    clearInterval(this.poll);
    this.poll = undefined;
  }

  private lineChanged(status: LineStatus): void {
    const was = this.lineStatus;
    this.lineStatus = status;
    if (this.lineNotice) this.lineNotice.textContent = status === 'reconnecting' ? this.s.reconnecting : was === 'reconnecting' ? this.s.reconnected : '';
    // While the line is down, read on from the cursor every few seconds.
    if (status === 'reconnecting' && !this.poll) this.poll = setInterval(() => void this.resync(), POLL_MS);
    if (status === 'connected') {
      clearInterval(this.poll);
      this.poll = undefined;
    }
  }

  private onOnline(): void {
    this.live?.nudge();
    if (this.chat && this.state !== 'closed') void this.resync();
  }

  private resync(): Promise<void> {
    return this.sync().catch(() => undefined);
  }

  /** Reads the chat from the cursor on; one read at a time, and one more if asked for meanwhile. */
  private sync(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return this.syncing;
    }
    this.syncing = (async () => {
      try {
        do {
          this.syncAgain = false;
          const view = await this.api.request<ChatView>(`/api/chats/${this.chat!.id}?after=${this.cursor}`, { headers: this.tokenHeader() });
          for (const message of view.messages) this.add(message);
          this.canRate = view.canRate;
          if (view.state !== this.state || view.position !== this.position || view.staffName !== this.staffName) {
            this.changeState({ state: view.state, position: view.position, staffName: view.staffName });
          }
        } while (this.syncAgain && this.chat);
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  private tokenHeader(): Record<string, string> {
    return { 'X-Visitor-Token': this.chat!.token };
  }

  // ---- quick exit ---------------------------------------------------------------------------------------------

  protected onQuickExit(): void {
    const chat = this.chat;
    this.stopLive();
    this.chat = null;
    this.messages.clear();
    this.log?.replaceChildren();
    if (!chat || this.state === 'closed') return;
    // Ends the chat on the server without waiting: keepalive lets the request outlive this page.
    void this.api.request(`/api/chats/${chat.id}/close`, { method: 'POST', headers: { 'X-Visitor-Token': chat.token }, keepalive: true }).catch(() => undefined);
  }
}

define('steunpunt-chat', SteunpuntChat);
