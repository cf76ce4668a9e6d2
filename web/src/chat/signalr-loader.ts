/**
 * Loads the SignalR bundle (steunpunt-signalr.<hash>.js, next to this script) when a chat starts, by a script
 * element with its Subresource Integrity hash: the chat bundle stays small until then, an IIFE bundle cannot split,
 * and the page's CSP needs nothing beyond the widget origin it already allows.
 */
import type * as SignalR from '../signalr/index';

declare const __SIGNALR_FILE__: string;
declare const __SIGNALR_INTEGRITY__: string;

export type SignalRModule = typeof SignalR;

const GLOBAL = 'SteunpuntSignalR';
const scriptSrc = (document.currentScript as HTMLScriptElement | null)?.src ?? location.href;
let loading: Promise<SignalRModule> | undefined;

export function loadSignalR(): Promise<SignalRModule> {
  const holder = window as unknown as Record<string, SignalRModule | undefined>;
  return (loading ??= new Promise<SignalRModule>((resolve, reject) => {
    if (holder[GLOBAL]) return resolve(holder[GLOBAL]);
    const script = document.createElement('script');
    script.src = new URL(__SIGNALR_FILE__, scriptSrc).href;
    script.integrity = __SIGNALR_INTEGRITY__;
    script.crossOrigin = 'anonymous';
    script.async = true;
    script.onload = () => (holder[GLOBAL] ? resolve(holder[GLOBAL]) : reject(new Error('SignalR bundle loaded without its global')));
    script.onerror = () => {
      loading = undefined;
      script.remove();
      reject(new Error('SignalR bundle did not load'));
    };
    document.head.append(script);
  }));
}
