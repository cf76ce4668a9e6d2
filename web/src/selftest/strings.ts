import type { Lang } from '../shared/i18n';

export const strings = {
  nl: {
    intro: 'Een paar korte vragen geven u advies over wat u nu kunt doen. Anoniem: wij vragen niet wie u bent.',
    open: 'Bekijk de zelftests',
    choose: 'Kies een zelftest',
    questions: (n: number) => `${n} vragen.`,
    contactLegend: 'Wilt u dat wij contact met u opnemen?',
    contactNo: 'Nee, dank u',
    contactPhone: 'Ja, bel mij',
    contactEmail: 'Ja, mail mij',
    contactDetail: 'Uw telefoonnummer of e-mailadres',
    submit: 'Bekijk mijn advies',
    resultTitle: (title: string) => `Uw advies: ${title}`,
    screenPositive: 'Uw antwoorden wijzen op klachten waar hulp bij kan helpen.',
    screenNegative: 'Uw antwoorden wijzen nu niet op veel klachten.',
    adviceTitle: 'Wat u kunt doen',
    again: 'Andere zelftest',
    danger: 'Bent u nu in gevaar? Bel 112.',
  },
  en: {
    intro: 'A few short questions give you advice on what you can do now. Anonymous: we do not ask who you are.',
    open: 'Show the self-tests',
    choose: 'Choose a self-test',
    questions: (n: number) => `${n} questions.`,
    contactLegend: 'Would you like us to contact you?',
    contactNo: 'No, thank you',
    contactPhone: 'Yes, call me',
    contactEmail: 'Yes, e-mail me',
    contactDetail: 'Your phone number or e-mail address',
    submit: 'Show my advice',
    resultTitle: (title: string) => `Your advice: ${title}`,
    screenPositive: 'Your answers point to complaints that help can ease.',
    screenNegative: 'Your answers do not point to many complaints now.',
    adviceTitle: 'What you can do',
    again: 'Another self-test',
    danger: 'In danger right now? Call 112.',
  },
} satisfies Record<Lang, Record<string, unknown>>;

export type SelfTestStrings = (typeof strings)['nl'];
