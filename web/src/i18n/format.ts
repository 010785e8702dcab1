/** Locale-aware numbers and dates (Intl), with each locale's digits and the Gregorian calendar (catalogues.ts). */
import type { LocaleInfo } from './catalogues.js';

export interface Formatters {
  number(n: number): string;
  /** A date-time, in UTC and labelled so: both parties read the same time whatever their own zone. */
  dateTime(iso: string | null | undefined): string;
  /** A calendar date (YYYY-MM-DD, no time zone). */
  date(isoDate: string | null | undefined): string;
  list(items: readonly string[]): string;
  /** The CLDR plural category of a count in this language (for plural messages). */
  plural(n: number): Intl.LDMLPluralRule;
}

export function formattersFor(l: LocaleInfo): Formatters {
  const base = { numberingSystem: l.numbering, calendar: 'gregory' } as const;
  const num = new Intl.NumberFormat(l.code, { numberingSystem: l.numbering });
  const dt = new Intl.DateTimeFormat(l.code, {
    ...base, year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC', timeZoneName: 'short',
  });
  const d = new Intl.DateTimeFormat(l.code, { ...base, year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const list = new Intl.ListFormat(l.code, { style: 'long', type: 'conjunction' });
  const plural = new Intl.PluralRules(l.code);
  const valid = (t: number) => Number.isFinite(t);
  return {
    number: (n) => num.format(n),
    dateTime: (iso) => {
      const t = iso ? Date.parse(iso) : NaN;
      return valid(t) ? dt.format(t) : '—';
    },
    date: (s) => {
      const t = s ? Date.parse(`${s.slice(0, 10)}T00:00:00Z`) : NaN;
      return valid(t) ? d.format(t) : '—';
    },
    list: (items) => list.format(items),
    plural: (n) => plural.select(n),
  };
}
