/**
 * Everything a widget keeps in the browser goes through here: sessionStorage only (gone when the tab closes), under
 * one prefix, so the quick exit can wipe all of it. Nothing is written before the visitor acts.
 */
const PREFIX = 'steunpunt:';

export function read<T>(key: string): T | null {
  try {
    const text = sessionStorage.getItem(PREFIX + key);
    return text === null ? null : (JSON.parse(text) as T);
  } catch {
    return null;
  }
}

export function write(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage may be off (private mode, quota): the widget still works in this page, only a reload cannot resume.
  }
}

export function remove(key: string): void {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    /* nothing stored */
  }
}

/** Removes every key any Steunpunt widget wrote. */
export function clearAll(): void {
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const key = sessionStorage.key(i);
      if (key?.startsWith(PREFIX)) sessionStorage.removeItem(key);
    }
  } catch {
    /* nothing stored */
  }
}
