import type { Lang } from '../shared/i18n';

/** The crime types of the API (Common/CrimeTypes), in the order the form offers them. */
export const crimeTypes = ['violence', 'sexual-offence', 'stalking', 'burglary', 'fraud', 'traffic-accident', 'other'] as const;
type CrimeType = (typeof crimeTypes)[number];

export const strings = {
  nl: {
    formLabel: 'Mail Steunpunt',
    intro: 'Stel uw vraag. Wij antwoorden per e-mail, meestal binnen drie werkdagen. Velden zonder "mag leeg blijven" zijn nodig.',
    address: 'Uw e-mailadres',
    addressHint: 'Hierheen sturen wij ons antwoord. Gebruik een adres dat alleen u leest.',
    question: 'Uw vraag of verhaal',
    questionHint: 'Hoogstens 5000 tekens.',
    name: 'Uw naam of voornaam',
    optional: 'Mag leeg blijven.',
    crime: 'Waar gaat het over?',
    crimeNone: 'Zeg ik liever niet',
    crimes: {
      violence: 'Geweld', 'sexual-offence': 'Seksueel geweld', stalking: 'Stalking', burglary: 'Inbraak', fraud: 'Oplichting',
      'traffic-accident': 'Verkeersongeval', other: 'Iets anders',
    } satisfies Record<CrimeType, string>,
    consent: 'Steunpunt mag mijn vraag bewaren zolang dat nodig is om mij te helpen',
    consentHint: 'Zonder toestemming wissen wij uw vraag na korte tijd; u krijgt dan toch antwoord.',
    honeypot: 'Website (niet invullen)',
    send: 'Versturen',
    danger: 'Bent u nu in gevaar? Bel 112.',
    thanks: 'Dank u, wij hebben uw vraag ontvangen',
    referenceIs: 'Uw kenmerk is',
    expected: 'U krijgt uiterlijk antwoord op',
    receiptMail: '',
  },
  en: {
    formLabel: 'Mail Steunpunt',
    intro: 'Ask your question. We answer by e-mail, usually within three working days. Fields not marked "may be left empty" are needed.',
    address: 'Your e-mail address',
    addressHint: 'We send our answer here. Use an address only you read.',
    question: 'Your question or story',
    questionHint: 'At most 5000 characters.',
    name: 'Your name or first name',
    optional: 'May be left empty.',
    crime: 'What is it about?',
    crimeNone: 'I would rather not say',
    crimes: {
      violence: 'Violence', 'sexual-offence': 'Sexual violence', stalking: 'Stalking', burglary: 'Burglary', fraud: 'Fraud',
      'traffic-accident': 'Traffic accident', other: 'Something else',
    } satisfies Record<CrimeType, string>,
    consent: 'Steunpunt may keep my question as long as needed to help me',
    consentHint: 'Without consent we erase your question after a short time; you still get an answer.',
    honeypot: 'Website (leave empty)',
    send: 'Send',
    danger: 'In danger right now? Call 112.',
    thanks: 'Thank you, we have received your question',
    referenceIs: 'Your reference is',
    expected: 'You will get an answer by',
    receiptMail: 'We have sent you a confirmation by e-mail.',
  },
} satisfies Record<Lang, Record<string, unknown>>;

export type MailStrings = (typeof strings)['nl'];
