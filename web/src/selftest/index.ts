/**
 * <steunpunt-selftest>: lists the self-tests, shows one from its definition (whatever version the server has, in the
 * page's language, Dutch where a text has no English), reports `viewed` and `started` with the source (the `source`
 * attribute, else the page's `utm_source`), posts the answers and shows the advice and the test's notice (for the
 * trauma screen: that it screens and does not diagnose). An optional "please contact me" goes with the answers.
 * Nothing is sent before the visitor opens the widget, and nothing is stored in the browser.
 */
import { ApiError } from '../shared/api';
import { h, uid } from '../shared/dom';
import { define, SteunpuntWidget } from '../shared/widget';
import css from './selftest.css?inline';
import { strings, type SelfTestStrings } from './strings';

type Text = { nl: string; en?: string };
interface Summary { id: string; version: number; title: Text; description: Text; itemCount: number }
interface Item { id: string; type: string; text: Text; options: { value: string; text: Text }[] }
interface Definition { id: string; version: number; title: Text; description: Text; instructions?: Text; notice?: Text; items: Item[] }
interface Advice { id: string; title: string; text: string; link?: { url: string; label: string } }
interface Result { screen?: 'positive' | 'negative'; advice: Advice[]; notice?: string; contactRequest?: { message: string } }

const SOURCES = ['website', 'facebook', 'email', 'chat'];

type State =
  | { kind: 'closed' }
  | { kind: 'list'; tests: Summary[] }
  | { kind: 'test'; test: Definition }
  | { kind: 'result'; test: Definition; result: Result };

class SteunpuntSelfTest extends SteunpuntWidget {
  static override observedAttributes = [...SteunpuntWidget.observedAttributes, 'source'];
  private state: State = { kind: 'closed' };
  private readonly sessionId = Array.from(crypto.getRandomValues(new Uint8Array(12)), b => b.toString(16).padStart(2, '0')).join('');
  private started = false;
  private status?: HTMLElement;

  constructor() {
    super(css);
  }

  private get s(): SelfTestStrings {
    return strings[this.language];
  }

  private text(value: Text | undefined): string {
    return value ? (this.language === 'en' && value.en) || value.nl : '';
  }

  private get source(): string {
    const named = this.getAttribute('source') ?? new URLSearchParams(location.search).get('utm_source') ?? '';
    return SOURCES.includes(named.toLowerCase()) ? named.toLowerCase() : 'website';
  }

  protected render(): void {
    this.status = h('p', { class: 'status', role: 'status' });
    this.view.replaceChildren(this.exitBar(), this.body(), this.status);
  }

  private body(): HTMLElement {
    const s = this.s;
    const state = this.state;
    switch (state.kind) {
      case 'closed':
        return h('div', {}, h('p', {}, s.intro), h('button', { type: 'button', onclick: () => void this.open() }, s.open));
      case 'list':
        return h(
          'div', {},
          h('h3', { tabindex: '-1', class: 'focus' }, s.choose),
          h('ul', { class: 'tests' }, ...state.tests.map(test => h('li', {},
            h('button', { type: 'button', class: 'secondary', onclick: () => void this.show(test.id) }, this.text(test.title)),
            h('p', {}, this.text(test.description), ' ', s.questions(test.itemCount))))),
        );
      case 'test':
        return this.questionnaire(state.test);
      case 'result':
        return this.outcome(state.test, state.result);
    }
  }

  private async open(): Promise<void> {
    await this.load(async () => {
      this.state = { kind: 'list', tests: await this.api.request<Summary[]>('/api/selftests') };
    });
  }

  private async show(id: string): Promise<void> {
    await this.load(async () => {
      const test = await this.api.request<Definition>(`/api/selftests/${encodeURIComponent(id)}`);
      this.state = { kind: 'test', test };
      this.started = false;
      void this.report(test, 'viewed');
    });
  }

  private async load(step: () => Promise<void>): Promise<void> {
    try {
      await step();
      this.render();
      queueMicrotask(() => (this.view.querySelector('.focus') as HTMLElement | null)?.focus());
    } catch (error) {
      this.say(error instanceof ApiError ? error.message : this.common.failed);
    }
  }

  private say(text: string): void {
    if (this.status) this.status.textContent = text;
  }

  /** Statistics only: a lost event must not stop the visitor. */
  private async report(test: Definition, event: 'viewed' | 'started'): Promise<void> {
    try {
      await this.api.request(`/api/selftests/${encodeURIComponent(test.id)}/events`, {
        method: 'POST', body: { event, source: this.source, sessionId: this.sessionId, version: test.version },
      });
    } catch {
      /* counted or not, the test goes on */
    }
  }

  private questionnaire(test: Definition): HTMLElement {
    const s = this.s;
    const errors = new Map<string, HTMLElement>();
    const groups = new Map<string, HTMLFieldSetElement>();
    const items = test.items.map((item, index) => {
      const errorId = uid('selftest-error');
      const error = h('p', { class: 'error', id: errorId, hidden: true });
      errors.set('answers.' + item.id, error);
      const name = uid('selftest-' + item.id);
      const group = h(
        'fieldset', { 'aria-describedby': errorId, 'data-item': item.id },
        h('legend', {}, `${index + 1}. ${this.text(item.text)}`),
        error,
        ...item.options.map(option => {
          const id = uid('selftest-option');
          return h('div', { class: 'option' },
            h('input', { type: 'radio', id, name, value: option.value, onchange: () => this.firstAnswer(test) }),
            h('label', { for: id }, this.text(option.text)));
        }),
      );
      groups.set('answers.' + item.id, group);
      return group;
    });

    const contactDetailId = uid('selftest-contact');
    const detail = h('input', { type: 'text', id: contactDetailId, name: 'contact', autocomplete: 'off', maxlength: '254', 'aria-describedby': contactDetailId + '-error' });
    const detailError = h('p', { class: 'error', id: contactDetailId + '-error', hidden: true });
    errors.set('contactRequest.contact', detailError);
    const detailRow = h('div', { class: 'row', hidden: true }, h('label', { for: contactDetailId }, s.contactDetail), detailError, detail);
    const channelName = uid('selftest-channel');
    const channel = (value: string, label: string, checked = false) => {
      const id = uid('selftest-channel');
      return h('div', { class: 'option' },
        h('input', { type: 'radio', id, name: channelName, value, checked, onchange: () => { detailRow.hidden = value === 'none'; } }),
        h('label', { for: id }, label));
    };
    const summary = h('div', { class: 'summary', role: 'alert', tabindex: '-1', hidden: true });

    const form = h(
      'form',
      { novalidate: true, 'aria-labelledby': 'x' },
      h('h3', { tabindex: '-1', class: 'focus' }, this.text(test.title)),
      h('p', {}, this.text(test.description)),
      test.instructions && h('p', {}, this.text(test.instructions)),
      summary,
      ...items,
      h('fieldset', { class: 'contact' }, h('legend', {}, s.contactLegend),
        channel('none', s.contactNo, true), channel('phone', s.contactPhone), channel('email', s.contactEmail), detailRow),
      h('p', {}, h('button', { type: 'submit' }, s.submit)),
    );
    const heading = form.querySelector('h3')!;
    heading.id = uid('selftest-title');
    form.setAttribute('aria-labelledby', heading.id);
    form.addEventListener('submit', event => {
      event.preventDefault();
      void this.submit(test, form, channelName, detail, errors, groups, summary);
    });
    return form;
  }

  private firstAnswer(test: Definition): void {
    if (this.started) return;
    this.started = true;
    void this.report(test, 'started');
  }

  private async submit(
    test: Definition, form: HTMLFormElement, channelName: string, detail: HTMLInputElement,
    errors: Map<string, HTMLElement>, groups: Map<string, HTMLFieldSetElement>, summary: HTMLElement,
  ): Promise<void> {
    const answers: Record<string, string> = {};
    for (const group of groups.values()) {
      const checked = group.querySelector('input:checked') as HTMLInputElement | null;
      if (checked) answers[group.dataset.item!] = checked.value;
    }
    const body: Record<string, unknown> = { version: test.version, answers, language: this.language, source: this.source, sessionId: this.sessionId };
    const channel = (form.querySelector(`input[name="${channelName}"]:checked`) as HTMLInputElement | null)?.value ?? 'none';
    if (channel !== 'none') body.contactRequest = { channel, contact: detail.value.trim() };
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    try {
      const result = await this.api.request<Result>(`/api/selftests/${encodeURIComponent(test.id)}/responses`, { method: 'POST', body });
      this.state = { kind: 'result', test, result };
      this.render();
      queueMicrotask(() => (this.view.querySelector('.focus') as HTMLElement | null)?.focus());
    } catch (error) {
      const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
      let first: HTMLElement | undefined;
      for (const [key, line] of errors) {
        const messages = fieldErrors[key] ?? (key === 'contactRequest.contact' ? fieldErrors['contactRequest'] : undefined);
        line.textContent = messages?.join(' ') ?? '';
        line.hidden = !messages?.length;
        const target = groups.get(key) ?? detail;
        if (messages?.length) {
          target.setAttribute('aria-invalid', 'true');
          first ??= (target.querySelector('input') as HTMLElement | null) ?? target;
        } else {
          target.removeAttribute('aria-invalid');
        }
      }
      summary.textContent = error instanceof ApiError ? error.message : this.common.failed;
      summary.hidden = false;
      (first ?? summary).focus();
    } finally {
      button.disabled = false;
    }
  }

  private outcome(test: Definition, result: Result): HTMLElement {
    const s = this.s;
    return h(
      'div', { class: 'result' },
      h('h3', { tabindex: '-1', class: 'focus' }, s.resultTitle(this.text(test.title))),
      result.screen && h('p', { class: 'screen' }, result.screen === 'positive' ? s.screenPositive : s.screenNegative),
      result.notice && h('p', { class: 'notice' }, result.notice),
      h('h4', {}, s.adviceTitle),
      h('ul', { class: 'advice' }, ...result.advice.map(advice => h('li', {},
        h('h5', {}, advice.title),
        h('p', {}, advice.text),
        advice.link && h('p', {}, h('a', { href: advice.link.url, rel: 'noreferrer' }, advice.link.label))))),
      result.contactRequest && h('p', { class: 'contact-received', role: 'status' }, result.contactRequest.message),
      h('p', {}, h('button', { type: 'button', class: 'secondary', onclick: () => void this.open() }, s.again)),
      h('p', { class: 'hint' }, s.danger),
    );
  }
}

define('steunpunt-selftest', SteunpuntSelfTest);
