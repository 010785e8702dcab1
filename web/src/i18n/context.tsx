/**
 * The current language: chosen in the switcher and remembered in
 * localStorage, else the browser's. Sets <html lang dir> so the whole page,
 * laid out with CSS logical properties only, flips for right-to-left scripts.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { interpolate, isLocaleCode, LOCALES, pickLocale, type LocaleCode, type LocaleInfo } from './catalogues.js';
import type { MessageKey } from './en.js';
import { formattersFor, type Formatters } from './format.js';

const STORAGE_KEY = 'annex.locale';

export interface I18n {
  readonly locale: LocaleInfo;
  readonly fmt: Formatters;
  t(key: MessageKey, vars?: Readonly<Record<string, string | number>>): string;
  /** A message whose key is built from data (a status, a role); unknown values show as they are. */
  label(prefix: string, value: string): string;
  setLocale(code: LocaleCode): void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function initialLocale(): LocaleCode {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocaleCode(saved)) return saved;
  } catch {
    /* storage disabled: fall back to the browser's languages */
  }
  return pickLocale(navigator.languages ?? [navigator.language]);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [code, setCode] = useState<LocaleCode>(initialLocale);
  const value = useMemo<I18n>(() => {
    const locale = LOCALES[code];
    const messages = locale.catalogue as Record<string, string>;
    const fmt = formattersFor(locale);
    return {
      locale,
      fmt,
      t: (key, vars) => interpolate(messages[key] ?? key, vars, fmt),
      label: (prefix, v) => messages[`${prefix}.${v}`] ?? v,
      setLocale: (c) => {
        try {
          localStorage.setItem(STORAGE_KEY, c);
        } catch {
          /* not remembered, still switched */
        }
        setCode(c);
      },
    };
  }, [code]);
  useEffect(() => {
    document.documentElement.lang = code;
    document.documentElement.dir = LOCALES[code].dir;
  }, [code]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
