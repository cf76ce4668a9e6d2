/**
 * What every Steunpunt widget is: a custom element with an open shadow root (so the page's styles stay out and axe
 * can look in), styled by constructable stylesheets (allowed under a strict CSP), configured by three attributes —
 * `api-base`, `lang` (nl, default, or en) and `exit-url` — and themed only through `--steunpunt-*` custom properties.
 */
import { Api } from './api';
import { h, sheet } from './dom';
import { common, langOf, type CommonStrings, type Lang } from './i18n';
import { joinQuickExit, quickExit, safeExitUrl, type ExitAnnouncement } from './quick-exit';
import baseCss from './base.css?inline';

// The script's own origin, read while it runs: the default API base when the page names none.
const scriptOrigin = (() => {
  const src = (document.currentScript as HTMLScriptElement | null)?.src;
  try {
    return src ? new URL(src).origin : location.origin;
  } catch {
    return location.origin;
  }
})();

let baseSheet: CSSStyleSheet | undefined;

export abstract class SteunpuntWidget extends HTMLElement {
  static observedAttributes = ['api-base', 'lang', 'exit-url'];

  protected readonly root: ShadowRoot;
  /** What render() draws into; the quick-exit live region sits next to it, so it is there in every state. */
  protected readonly view: HTMLElement;
  private readonly exitStatus: HTMLElement;
  private leaveExit?: () => void;
  private rendered = false;

  constructor(css: string) {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    baseSheet ??= sheet(baseCss);
    this.root.adoptedStyleSheets = [baseSheet, sheet(css)];
    this.view = h('div', { class: 'widget' });
    this.exitStatus = h('span', { class: 'visually-hidden', role: 'status' });
    this.root.append(this.view, this.exitStatus);
  }

  get language(): Lang {
    return langOf(this.getAttribute('lang'));
  }

  get common(): CommonStrings {
    return common[this.language];
  }

  get api(): Api {
    return new Api(this.getAttribute('api-base') || scriptOrigin, this.language);
  }

  get exitUrl(): string {
    return safeExitUrl(this.getAttribute('exit-url'));
  }

  connectedCallback(): void {
    this.leaveExit ??= joinQuickExit({
      exitUrl: () => this.exitUrl,
      onQuickExit: () => this.onQuickExit(),
      announce: kind => this.announceExit(kind),
    });
    if (!this.rendered) {
      this.rendered = true;
      this.render();
    }
  }

  disconnectedCallback(): void {
    this.leaveExit?.();
    this.leaveExit = undefined;
  }

  attributeChangedCallback(name: string, oldValue: string | null, newValue: string | null): void {
    // A new language redraws; the API base and exit URL are read when used.
    if (name === 'lang' && this.rendered && oldValue !== newValue) this.render();
  }

  /** Draws the widget into the shadow root for the current state and language. */
  protected abstract render(): void;

  /** Ends what the widget has open without waiting (the chat closes its chat); nothing by default. */
  protected onQuickExit(): void {}

  /**
   * The quick-exit bar every widget shows: the "Snel weg" link (a link, as GOV.UK's: it leaves; the click handler
   * makes it leave without a history entry), the safety text one click away, and the live region for Shift presses.
   */
  protected exitBar(): HTMLElement {
    const strings = this.common;
    return h(
      'div',
      { class: 'exit-bar' },
      h(
        'a',
        {
          class: 'exit',
          href: this.exitUrl,
          rel: 'noreferrer',
          title: strings.exitHint,
          onclick: ((event: MouseEvent) => {
            event.preventDefault();
            quickExit();
          }) as EventListener,
        },
        strings.exit,
      ),
      h('details', { class: 'safety' }, h('summary', {}, strings.safetyTitle), h('p', {}, strings.safetyText)),
    );
  }

  private announceExit(kind: ExitAnnouncement): void {
    const strings = this.common;
    const text = { twoMore: strings.exitTwoMore, oneMore: strings.exitOneMore, expired: strings.exitExpired, leaving: strings.exitLeaving }[kind];
    this.exitStatus.textContent = text;
  }
}

/** Defines the element once, even when its script is on the page twice. */
export function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
