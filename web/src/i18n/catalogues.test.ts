// Every UI language has exactly English's message keys, no empty message,
// and the same {placeholders} in each message (a translation that drops
// {index} would hide the entry number from the verification badge).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpolate, LOCALE_CODES, LOCALES, pickLocale } from './catalogues.js';
import { formattersFor } from './format.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every catalogue has the same keys as English, non-empty, with the same placeholders', () => {
  const reference = LOCALES.en.catalogue;
  const keys = Object.keys(reference).sort();
  for (const code of LOCALE_CODES) {
    const c = LOCALES[code].catalogue as Record<string, string>;
    assert.deepEqual(Object.keys(c).sort(), keys, `${code}: key set`);
    for (const k of keys) {
      assert.ok(c[k]!.trim().length > 0, `${code}: ${k} is empty`);
      assert.deepEqual(placeholders(c[k]!), placeholders((reference as Record<string, string>)[k]!), `${code}: ${k} placeholders`);
    }
  }
});

test('right-to-left for Pashto, Dari, Urdu and Arabic only', () => {
  assert.deepEqual(LOCALE_CODES.filter((c) => LOCALES[c].dir === 'rtl'), ['ps', 'fa-AF', 'ur', 'ar']);
});

test('digits per locale: Arabic-Indic for ar, Extended Arabic-Indic for ps and fa-AF, Latin for ur, tr, en', () => {
  assert.equal(formattersFor(LOCALES.ar).number(1234), '١٬٢٣٤');
  assert.equal(formattersFor(LOCALES.ps).number(42), '۴۲');
  assert.equal(formattersFor(LOCALES['fa-AF']).number(42), '۴۲');
  assert.equal(formattersFor(LOCALES.ur).number(42), '42');
  assert.match(formattersFor(LOCALES['fa-AF']).date('2025-10-15'), /۲۰۲۵/, 'Gregorian year, not Solar Hijri 1404');
  assert.match(formattersFor(LOCALES.en).dateTime('2025-10-20T08:05:00.000Z'), /08:05.*UTC/);
});

test('the browser language picks the UI language', () => {
  assert.equal(pickLocale(['fa-IR', 'en']), 'fa-AF');
  assert.equal(pickLocale(['ps-AF']), 'ps');
  assert.equal(pickLocale(['de-DE']), 'en');
  assert.equal(interpolate('entry {index} of {size}', { index: 3 }), 'entry 3 of {size}');
});
