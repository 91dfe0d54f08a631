// One catalog for every word the operator reads, ja and en, by namespace; one i18next instance per language.
// Keys keep their full dotted name inside their namespace (`'picker.title'` in `runbook`), so a key alone finds its
// namespace (fallbackNS) and callers never name one. Placeholders are `{name}`; an unknown one stays as written.
import i18next, { type i18n, type Module } from 'i18next';
import { common as enCommon } from './en/common';
import { errors as enErrors } from './en/errors';
import { evidence as enEvidence } from './en/evidence';
import { record as enRecord } from './en/record';
import { rehearsalReport as enReport } from './en/rehearsalReport';
import { rehearsal as enRehearsal } from './en/rehearsal';
import { review as enReview } from './en/review';
import { runbook as enRunbook } from './en/runbook';
import { session as enSession } from './en/session';
import { step as enStep } from './en/step';
import { terminal as enTerminal } from './en/terminal';
import { timeline as enTimeline } from './en/timeline';
import { common as jaCommon } from './ja/common';
import { errors as jaErrors } from './ja/errors';
import { evidence as jaEvidence } from './ja/evidence';
import { record as jaRecord } from './ja/record';
import { rehearsalReport as jaReport } from './ja/rehearsalReport';
import { rehearsal as jaRehearsal } from './ja/rehearsal';
import { review as jaReview } from './ja/review';
import { runbook as jaRunbook } from './ja/runbook';
import { session as jaSession } from './ja/session';
import { step as jaStep } from './ja/step';
import { terminal as jaTerminal } from './ja/terminal';
import { timeline as jaTimeline } from './ja/timeline';

const en = {
  common: enCommon,
  runbook: enRunbook,
  session: enSession,
  step: enStep,
  terminal: enTerminal,
  evidence: enEvidence,
  rehearsal: enRehearsal,
  review: enReview,
  errors: enErrors,
};
type Catalog = { [N in keyof typeof en]: Record<keyof (typeof en)[N], string> };
const ja: Catalog = {
  common: jaCommon,
  runbook: jaRunbook,
  session: jaSession,
  step: jaStep,
  terminal: jaTerminal,
  evidence: jaEvidence,
  rehearsal: jaRehearsal,
  review: jaReview,
  errors: jaErrors,
};

/** Every namespace of the UI catalog, ja and en; a key missing from `ja` fails the type-check. */
export const CATALOG: { en: Catalog; ja: Catalog } = { en, ja };
export type Namespace = keyof typeof en;
export const NAMESPACES = Object.keys(en) as Namespace[];
export type UiLanguage = keyof typeof CATALOG;
export type MessageKey = { [N in Namespace]: keyof (typeof en)[N] }[Namespace];
export type ErrorKey = keyof typeof enErrors;
export type Values = Record<string, string | number>;

/** The evidence documents' words (nested, filled by `fill`), in the runbook's language. */
export const RECORD_WORDS = { ja: jaRecord, en: enRecord };
export type RecordWords = typeof enRecord;

/** The timeline figure's words (app and exports). */
export const TIMELINE_WORDS = { ja: jaTimeline, en: enTimeline };

/** A rehearsal report's words, in the runbook's language. */
export const REPORT_WORDS = { ja: jaReport, en: enReport };

const PLACEHOLDER = /\{(\w+)\}/g;

/** `{name}` → its value; an unknown name stays as written (the documents' own filler, same rule as `t`). */
export function fill(template: string, vars: Values): string {
  return template.replace(PLACEHOLDER, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** A ready i18next instance (synchronous: the resources are in the bundle) for one language, English behind it.
 * `plugins` bind it to a view (react-i18next's `initReactI18next`). */
export function createI18n(lang: UiLanguage, ...plugins: Module[]): i18n {
  const instance = i18next.createInstance();
  for (const plugin of plugins) instance.use(plugin);
  void instance.init({
    lng: lang,
    fallbackLng: 'en',
    supportedLngs: ['en', 'ja'],
    resources: CATALOG,
    ns: NAMESPACES,
    defaultNS: 'common',
    fallbackNS: NAMESPACES,
    keySeparator: false,
    nsSeparator: false,
    initAsync: false,
    interpolation: {
      prefix: '{',
      suffix: '}',
      // React escapes what it renders; the documents escape at their own edge (HTML, Markdown).
      escapeValue: false,
    },
    missingInterpolationHandler: (_text: string, match: RegExpExecArray) => match[0],
  });
  // `{lifecycle, life}`: a session state in the reader's words (en keeps the machine's own word).
  instance.services.formatter?.add('life', (value: unknown, lng: string | undefined) =>
    instance.t(`lifecycle.${String(value)}`, { lng, ns: 'errors' }),
  );
  return instance;
}

const instances = new Map<UiLanguage, i18n>();

/** The catalog's words for `key` in `lang`, values filled in. */
export function translate(lang: UiLanguage, key: MessageKey, values: Values = {}): string {
  let instance = instances.get(lang);
  if (!instance) instances.set(lang, (instance = createI18n(lang)));
  return instance.t(key, values);
}

/** A refusal that crosses the boundary as a key and values: the UI words it, logs and the CLI read `message`. */
export interface Worded {
  code: ErrorKey;
  values: Values;
}

const isValue = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

/**
 * `worded` as it arrived over the wire, checked: a key the catalog has and plain values, else `null` (the caller
 * shows the English `message` instead). A host is trusted, but a reply that does not parse must not blank the banner.
 */
export function checkWorded(worded: unknown): Worded | null {
  if (typeof worded !== 'object' || worded === null) return null;
  const { code, values } = worded as { code?: unknown; values?: unknown };
  if (typeof code !== 'string' || !Object.hasOwn(enErrors, code)) return null;
  if (typeof values !== 'object' || values === null) return null;
  const entries = Object.entries(values);
  if (!entries.every(([, v]) => isValue(v))) return null;
  return { code: code as ErrorKey, values: Object.fromEntries(entries) as Values };
}

/** The English words of a refusal, for logs, the CLI and the journal's replay report. */
export function englishOf(w: Worded): string {
  return translate('en', w.code, w.values);
}
