/**
 * The UI languages. Each has a catalogue with exactly English's keys, a
 * writing direction, and the digits Intl should use for numbers and dates:
 *
 * - ar: Arabic-Indic digits (٠١٢, `arab`), as in the Gulf and Levant press
 *   and Qatari official use (CLDR's default for `ar` outside the Maghreb).
 * - fa-AF (Dari) and ps (Pashto): Extended Arabic-Indic digits (۰۱۲,
 *   `arabext`), as Afghan government documents and press print them (the
 *   CLDR default for both).
 * - ur: Latin digits (`latn`), CLDR's default for `ur`/`ur-PK` and what
 *   Pakistani official documents and most Urdu newspapers print; change
 *   `numbering` to 'arabext' here if the liaison cells prefer ۰۱۲.
 * - en, tr: Latin digits.
 *
 * Dates are always Gregorian (`calendar: 'gregory'`), also in Dari and
 * Pashto whose CLDR default is the Solar Hijri calendar: deadlines and
 * agreement texts are Gregorian, and two parties must read the same date.
 */
import { ar } from './ar.js';
import { en, type Catalogue } from './en.js';
import { faAF } from './fa-AF.js';
import { ps } from './ps.js';
import { tr } from './tr.js';
import { ur } from './ur.js';

export interface LocaleInfo {
  readonly code: LocaleCode;
  /** The language's own name, for the switcher. */
  readonly name: string;
  readonly dir: 'ltr' | 'rtl';
  readonly numbering: 'latn' | 'arab' | 'arabext';
  readonly catalogue: Catalogue;
}

export const LOCALE_CODES = ['en', 'ps', 'fa-AF', 'ur', 'tr', 'ar'] as const;
export type LocaleCode = (typeof LOCALE_CODES)[number];

export const LOCALES: Record<LocaleCode, LocaleInfo> = {
  en: { code: 'en', name: 'English', dir: 'ltr', numbering: 'latn', catalogue: en },
  ps: { code: 'ps', name: 'پښتو', dir: 'rtl', numbering: 'arabext', catalogue: ps },
  'fa-AF': { code: 'fa-AF', name: 'دری', dir: 'rtl', numbering: 'arabext', catalogue: faAF },
  ur: { code: 'ur', name: 'اردو', dir: 'rtl', numbering: 'latn', catalogue: ur },
  tr: { code: 'tr', name: 'Türkçe', dir: 'ltr', numbering: 'latn', catalogue: tr },
  ar: { code: 'ar', name: 'العربية', dir: 'rtl', numbering: 'arab', catalogue: ar },
};

export function isLocaleCode(x: unknown): x is LocaleCode {
  return typeof x === 'string' && (LOCALE_CODES as readonly string[]).includes(x);
}

/** The first of the browser's languages (in its order) that we have, by exact tag or by language. */
export function pickLocale(preferred: readonly string[]): LocaleCode {
  for (const tag of preferred) {
    if (isLocaleCode(tag)) return tag;
    const lang = tag.split('-')[0]!.toLowerCase();
    if (lang === 'fa' || lang === 'prs') return 'fa-AF';
    const hit = LOCALE_CODES.find((c) => c === lang);
    if (hit) return hit;
  }
  return 'en';
}

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible rather than hiding text. */
export function interpolate(template: string, vars: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
