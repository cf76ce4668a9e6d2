/** Dutch first, English second. Each widget adds its own strings; these are the ones every widget shares. */
export type Lang = 'nl' | 'en';

export const langOf = (value: string | null | undefined): Lang => (value?.toLowerCase().startsWith('en') ? 'en' : 'nl');

export const common = {
  nl: {
    exit: 'Snel weg',
    exitHint: 'Verlaat deze site direct. U kunt ook drie keer op Shift drukken.',
    exitTwoMore: 'Shift, druk nog 2 keer om deze pagina te verlaten.',
    exitOneMore: 'Shift, druk nog 1 keer om deze pagina te verlaten.',
    exitExpired: 'Snel weg is verlopen.',
    exitLeaving: 'De pagina wordt verlaten.',
    safetyTitle: 'Veilig deze site bezoeken',
    safetyText:
      'Maakt u zich zorgen dat iemand meekijkt? Gebruik een privévenster (incognito), of wis daarna uw browsegeschiedenis. ' +
      'Snel weg sluit deze pagina en wist wat deze hulp in de browser bewaarde, maar wist uw geschiedenis niet. ' +
      'Gebruik bij twijfel een ander apparaat, bijvoorbeeld van de bibliotheek. Bij direct gevaar: bel 112.',
    network: 'Er is geen verbinding. Controleer uw internet en probeer het opnieuw.',
    failed: 'Er ging iets mis. Probeer het later opnieuw.',
    tooMany: 'Te veel verzoeken. Wacht even en probeer het opnieuw.',
    unavailable: 'De dienst is tijdelijk niet beschikbaar. Probeer het zo opnieuw.',
  },
  en: {
    exit: 'Leave quickly',
    exitHint: 'Leave this site at once. You can also press Shift three times.',
    exitTwoMore: 'Shift, press 2 more times to leave this page.',
    exitOneMore: 'Shift, press 1 more time to leave this page.',
    exitExpired: 'Leave quickly expired.',
    exitLeaving: 'Leaving the page.',
    safetyTitle: 'Visiting this site safely',
    safetyText:
      'Worried someone is watching? Use a private (incognito) window, or clear your browsing history afterwards. ' +
      'Leave quickly closes this page and clears what this help stored in the browser, but it does not clear your history. ' +
      'If in doubt, use another device, for example at a library. In immediate danger: call 112.',
    network: 'There is no connection. Check your internet and try again.',
    failed: 'Something went wrong. Please try again later.',
    tooMany: 'Too many requests. Please wait a moment and try again.',
    unavailable: 'The service is temporarily unavailable. Please try again shortly.',
  },
} satisfies Record<Lang, Record<string, string>>;

export type CommonStrings = (typeof common)['nl'];
