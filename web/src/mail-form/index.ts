/**
 * <steunpunt-mail-form>: the mail slice's form (POST /api/mail-intake). The server checks every field; its problem
 * details are shown next to the field they name (aria-invalid + aria-describedby), and the first wrong field gets the
 * focus. On success the reference and the date an answer can be expected replace the form. Nothing is stored in the
 * browser and nothing is sent before the visitor presses "send".
 */
import { ApiError } from '../shared/api';
import { h, uid } from '../shared/dom';
import { define, SteunpuntWidget } from '../shared/widget';
import css from './mail-form.css?inline';
import { crimeTypes, strings, type MailStrings } from './strings';

interface Receipt {
  reference: string;
  message: string;
  answerExpectedBy: string;
}

type Field = 'replyAddress' | 'question' | 'name' | 'crimeType' | 'consentToStore';
const FIELDS: Field[] = ['replyAddress', 'question', 'name', 'crimeType', 'consentToStore'];

class SteunpuntMailForm extends SteunpuntWidget {
  private controls = new Map<Field, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();
  private errors = new Map<Field, HTMLElement>();
  private summary?: HTMLElement;
  private receipt?: Receipt;
  private sending = false;

  constructor() {
    super(css);
  }

  private get s(): MailStrings {
    return strings[this.language];
  }

  protected render(): void {
    this.view.replaceChildren(this.exitBar(), this.receipt ? this.success(this.receipt) : this.form());
  }

  private form(): HTMLElement {
    const s = this.s;
    this.controls.clear();
    this.errors.clear();
    const row = (field: Field, label: string, control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, hint?: string) => {
      const id = uid('mail-' + field);
      control.id = id;
      control.name = field;
      const error = h('p', { class: 'error', id: id + '-error', hidden: true });
      const hintLine = hint ? h('p', { class: 'hint', id: id + '-hint' }, hint) : null;
      control.setAttribute('aria-describedby', [hintLine && id + '-hint', id + '-error'].filter(Boolean).join(' '));
      this.controls.set(field, control);
      this.errors.set(field, error);
      return h('div', { class: 'row' }, h('label', { for: id }, label), hintLine, error, control);
    };

    const address = h('input', { type: 'email', autocomplete: 'email', spellcheck: 'false', required: true });
    const question = h('textarea', { rows: '8', maxlength: '5000', required: true });
    const name = h('input', { type: 'text', autocomplete: 'off', maxlength: '100' });
    const crime = h('select', {}, h('option', { value: '' }, s.crimeNone), ...crimeTypes.map(type => h('option', { value: type }, s.crimes[type])));
    const consent = h('input', { type: 'checkbox' });
    const consentId = uid('mail-consent');
    consent.id = consentId;
    consent.name = 'consentToStore';
    const consentError = h('p', { class: 'error', id: consentId + '-error', hidden: true });
    consent.setAttribute('aria-describedby', consentId + '-hint ' + consentId + '-error');
    this.controls.set('consentToStore', consent);
    this.errors.set('consentToStore', consentError);

    const honeypotId = uid('mail-website');
    this.summary = h('div', { class: 'summary', role: 'alert', hidden: true });
    const form = h(
      'form',
      { novalidate: true, 'aria-label': s.formLabel, onsubmit: ((event: Event) => { event.preventDefault(); void this.submit(); }) as EventListener },
      h('p', {}, s.intro),
      this.summary,
      row('replyAddress', s.address, address, s.addressHint),
      row('question', s.question, question, s.questionHint),
      row('name', s.name, name, s.optional),
      row('crimeType', s.crime, crime, s.optional),
      h(
        'div',
        { class: 'row consent' },
        consentError,
        h('div', { class: 'check' }, consent, h('label', { for: consentId }, s.consent)),
        h('p', { class: 'hint', id: consentId + '-hint' }, s.consentHint),
      ),
      // The honeypot: people never see or reach it (off screen, out of the tab order, hidden from assistive tech).
      h(
        'div',
        { class: 'honeypot', 'aria-hidden': 'true' },
        h('label', { for: honeypotId }, s.honeypot),
        h('input', { id: honeypotId, name: 'website', type: 'text', tabindex: '-1', autocomplete: 'off' }),
      ),
      h('p', {}, h('button', { type: 'submit' }, s.send)),
      h('p', { class: 'hint' }, s.danger),
    );
    return form;
  }

  private success(receipt: Receipt): HTMLElement {
    const s = this.s;
    const date = new Date(receipt.answerExpectedBy + 'T12:00:00').toLocaleDateString(this.language === 'en' ? 'en-GB' : 'nl-NL', {
      weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
    });
    const heading = h('h3', { tabindex: '-1' }, s.thanks);
    queueMicrotask(() => heading.focus());
    return h(
      'div',
      { class: 'receipt', role: 'status' },
      heading,
      h('p', {}, s.referenceIs, ' ', h('strong', { class: 'reference' }, receipt.reference)),
      h('p', {}, s.expected, ' ', h('strong', { class: 'expected' }, date), '.'),
      h('p', {}, this.language === 'en' ? s.receiptMail : receipt.message),
      h('p', { class: 'hint' }, s.danger),
    );
  }

  private async submit(): Promise<void> {
    if (this.sending) return;
    const form = this.view.querySelector('form')!;
    const value = (field: Field) => this.controls.get(field)!.value.trim();
    const body: Record<string, unknown> = {
      replyAddress: value('replyAddress'),
      question: this.controls.get('question')!.value,
      consentToStore: (this.controls.get('consentToStore') as HTMLInputElement).checked,
      language: this.language,
    };
    if (value('name')) body.name = value('name');
    if (value('crimeType')) body.crimeType = value('crimeType');
    const honeypot = (form.elements.namedItem('website') as HTMLInputElement).value;
    if (honeypot) body.website = honeypot;

    this.sending = true;
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    try {
      this.receipt = await this.api.request<Receipt>('/api/mail-intake', { method: 'POST', body });
      this.render();
    } catch (error) {
      this.showErrors(error instanceof ApiError ? error : null);
    } finally {
      this.sending = false;
      button.disabled = false;
    }
  }

  private showErrors(error: ApiError | null): void {
    const fieldErrors = error?.fieldErrors ?? {};
    let first: HTMLElement | undefined;
    for (const field of FIELDS) {
      const messages = fieldErrors[field];
      const control = this.controls.get(field)!;
      const line = this.errors.get(field)!;
      if (messages?.length) {
        line.textContent = messages.join(' ');
        line.hidden = false;
        control.setAttribute('aria-invalid', 'true');
        first ??= control;
      } else {
        line.textContent = '';
        line.hidden = true;
        control.removeAttribute('aria-invalid');
      }
    }
    this.summary!.textContent = error?.message ?? this.common.failed;
    this.summary!.hidden = false;
    (first ?? this.summary!).focus();
  }
}

define('steunpunt-mail-form', SteunpuntMailForm);
