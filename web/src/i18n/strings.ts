/**
 * Messages of one screen or area, kept beside it rather than in the core
 * catalogues (en.ts …): `defineStrings({ en: {...}, ps: {...}, … })` with the
 * same keys in every language (the type enforces it; strings.test.ts checks
 * keys, emptiness and placeholders for every set listed in ./areas.ts), and
 * `useStrings(set)` in a component gives a typed t() for the current language.
 */
import { interpolate, type LocaleCode } from './catalogues.js';
import { useI18n } from './context.js';

export type Strings<K extends string> = { readonly [L in LocaleCode]: Readonly<Record<K, string>> };

export function defineStrings<K extends string>(s: Strings<K>): Strings<K> {
  return s;
}

export function useStrings<K extends string>(s: Strings<K>): (key: K, vars?: Readonly<Record<string, string | number>>) => string {
  const { locale, fmt } = useI18n();
  const messages = s[locale.code];
  return (key, vars) => interpolate(messages[key] ?? s.en[key] ?? key, vars, fmt);
}
