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

/** How a language writes a count: its digits, and which plural form a number takes (Intl.PluralRules). */
export interface CountFormat {
  number(n: number): string;
  plural(n: number): Intl.LDMLPluralRule;
}

/**
 * A plural block, the ICU MessageFormat subset we use:
 * `{n, plural, =0 {none} one {# day} other {# days}}`. Branches are `=N`
 * (exact) or a CLDR category (zero one two few many other; `other` always
 * present); `#` is the count in the language's digits; a branch holds no
 * nested braces.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const BRANCH = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;
const PLACEHOLDER = /\{(\w+)\}/g;

/** The names a message fills, plural ones marked, sorted: a translation fills the same ones the same way. */
export function placeholderNames(template: string): string[] {
  const plural = [...template.matchAll(PLURAL)].map((m) => `${m[1]!} (plural)`);
  const plain = [...template.replace(PLURAL, '').matchAll(PLACEHOLDER)].map((m) => m[1]!);
  return [...plural, ...plain].sort();
}

/** Whether every plural block of a message has its `other` branch (the form any count may fall back to). */
export function pluralsComplete(template: string): boolean {
  return [...template.matchAll(PLURAL)].every((m) => [...m[2]!.matchAll(BRANCH)].some((b) => b[1] === 'other'));
}

const LATIN: CountFormat = { number: (n) => String(n), plural: (n) => (n === 1 ? 'one' : 'other') };

/**
 * Fills `{name}` placeholders and plural blocks (a plural's value is a number;
 * `count` says how this language writes and declines it). A missing value
 * leaves the placeholder visible rather than hiding text.
 */
export function interpolate(template: string, vars: Readonly<Record<string, string | number>> = {}, count: CountFormat = LATIN): string {
  const plurals = template.replace(PLURAL, (whole, name: string, branches: string) => {
    const n = typeof vars[name] === 'number' ? vars[name] : Number.NaN;
    if (!Number.isFinite(n)) return whole;
    const forms = new Map([...branches.matchAll(BRANCH)].map((b) => [b[1]!, b[2]!]));
    const form = forms.get(`=${n}`) ?? forms.get(count.plural(n)) ?? forms.get('other') ?? whole;
    return form.replaceAll('#', count.number(n));
  });
  return plurals.replace(PLACEHOLDER, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
