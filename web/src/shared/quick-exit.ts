/**
 * Quick exit ("Snel weg"), with the semantics of GOV.UK's "Exit this page": Shift pressed on its own three times,
 * at most 5 seconds apart, leaves the page; Shift used as a modifier and any other key reset the count; a live region
 * says how many presses are left and when the count expired. Leaving clears what the widgets stored, lets each widget
 * end what it has open without waiting for an answer, and goes on with location.replace, so this page is not left in
 * the tab's history (GOV.UK navigates normally; a victim's Back button should not bring the page back).
 *
 * Every widget bundle carries this module, so one page may hold several copies: they share one registry on window,
 * and only the first copy listens to the keyboard.
 */
import { clearAll } from './storage';

export type ExitAnnouncement = 'twoMore' | 'oneMore' | 'expired' | 'leaving';

export interface ExitParticipant {
  /** Where to go; the first registered widget's URL wins when several are on the page. */
  exitUrl(): string;
  /** Ends what the widget has open (a chat) without awaiting it; must not throw. */
  onQuickExit(): void;
  /** Says a text in the widget's polite live region. */
  announce(kind: ExitAnnouncement): void;
}

interface Registry {
  participants: ExitParticipant[];
  leaving: boolean;
  exit(): void;
}

const WINDOW_KEY = '__steunpuntQuickExit';
const PRESS_WINDOW_MS = 5000;

export const DEFAULT_EXIT_URL = 'https://www.google.nl/';

/** http(s) only: an exit URL from an attribute must not become a javascript: link. */
export function safeExitUrl(value: string | null): string {
  if (!value) return DEFAULT_EXIT_URL;
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : DEFAULT_EXIT_URL;
  } catch {
    return DEFAULT_EXIT_URL;
  }
}

function createRegistry(): Registry {
  const registry: Registry = {
    participants: [],
    leaving: false,
    exit() {
      if (registry.leaving) return;
      registry.leaving = true;
      const target = registry.participants[0]?.exitUrl() ?? DEFAULT_EXIT_URL;
      clearAll();
      for (const participant of registry.participants) {
        try {
          participant.onQuickExit();
        } catch {
          /* leaving matters more */
        }
      }
      registry.participants[0]?.announce('leaving');
      // Hide the page at once; the next page may take a moment to arrive. CSSOM, so a strict CSP allows it.
      document.documentElement.style.setProperty('visibility', 'hidden');
      location.replace(target);
    },
  };

  let presses = 0;
  let lastKeyWasModified = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const say = (kind: ExitAnnouncement) => registry.participants[0]?.announce(kind);

  document.addEventListener(
    'keyup',
    (event: KeyboardEvent) => {
      if (event.key === 'Shift' && !lastKeyWasModified) {
        presses += 1;
        clearTimeout(timer);
        if (presses >= 3) {
          presses = 0;
          registry.exit();
        } else {
          say(presses === 1 ? 'twoMore' : 'oneMore');
          timer = setTimeout(() => {
            presses = 0;
            say('expired');
          }, PRESS_WINDOW_MS);
        }
      } else if (presses > 0) {
        presses = 0;
        clearTimeout(timer);
      }
      // Shift+A: the keyup of A has shiftKey set, so the Shift released after it is a modifier, not a press.
      lastKeyWasModified = event.shiftKey;
    },
    true,
  );
  // Back from another page through the back-forward cache (possible when the visitor left some other way).
  addEventListener('pageshow', event => {
    if (event.persisted) {
      registry.leaving = false;
      document.documentElement.style.removeProperty('visibility');
    }
  });
  return registry;
}

function registry(): Registry {
  const holder = window as unknown as Record<string, Registry | undefined>;
  return (holder[WINDOW_KEY] ??= createRegistry());
}

export function joinQuickExit(participant: ExitParticipant): () => void {
  const r = registry();
  r.participants.push(participant);
  return () => {
    r.participants = r.participants.filter(p => p !== participant);
  };
}

export function quickExit(): void {
  registry().exit();
}
