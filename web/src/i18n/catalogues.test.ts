// Every UI language has exactly English's message keys, no empty message,
// and the same {placeholders} in each message (a translation that drops
// {index} would hide the entry number from the verification badge).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpolate, LOCALE_CODES, LOCALES, pickLocale, placeholderNames, pluralsComplete } from './catalogues.js';
import { formattersFor } from './format.js';

test('every catalogue has the same keys as English, non-empty, with the same placeholders', () => {
  const reference = LOCALES.en.catalogue;
  const keys = Object.keys(reference).sort();
  for (const code of LOCALE_CODES) {
    const c = LOCALES[code].catalogue as Record<string, string>;
    assert.deepEqual(Object.keys(c).sort(), keys, `${code}: key set`);
    for (const k of keys) {
      assert.ok(c[k]!.trim().length > 0, `${code}: ${k} is empty`);
      assert.deepEqual(placeholderNames(c[k]!), placeholderNames((reference as Record<string, string>)[k]!), `${code}: ${k} placeholders`);
      assert.ok(pluralsComplete(c[k]!), `${code}: ${k} has a plural without its 'other' form`);
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

test('plural messages: the language\'s form and digits for the count; exact matches first; a missing count stays visible', () => {
  const days = 'within {n, plural, =0 {the day} one {# day} other {# days}} of {when}';
  const en = formattersFor(LOCALES.en);
  assert.equal(interpolate(days, { n: 1, when: 'D-day' }, en), 'within 1 day of D-day');
  assert.equal(interpolate(days, { n: 1200, when: 'D-day' }, en), 'within 1,200 days of D-day');
  assert.equal(interpolate(days, { n: 0, when: 'D-day' }, en), 'within the day of D-day');
  assert.equal(interpolate(days, { when: 'D-day' }, en), 'within {n, plural, =0 {the day} one {# day} other {# days}} of D-day');
  assert.equal(interpolate(days, { n: 'two', when: 'D-day' }, en), days.replace('{when}', 'D-day'), 'a count is a number, never text');
  const ar = formattersFor(LOCALES.ar);
  const reports = '{n, plural, one {تقرير واحد} two {تقريران} few {# تقارير} many {# تقريرًا} other {# تقرير}}';
  assert.deepEqual([1, 2, 3, 11, 100].map((n) => interpolate(reports, { n }, ar)), ['تقرير واحد', 'تقريران', '٣ تقارير', '١١ تقريرًا', '١٠٠ تقرير']);
  assert.equal(interpolate('{n, plural, other {# رپوټونه}}', { n: 42 }, formattersFor(LOCALES.ps)), '۴۲ رپوټونه');
});

test('placeholders: plain and plural names, a plural marked as such; a plural without its other form is incomplete', () => {
  assert.deepEqual(placeholderNames('{b} in {n, plural, one {# day} other {# days}} by {a}'), ['a', 'b', 'n (plural)']);
  assert.deepEqual(placeholderNames('{b} in {n} days by {a}'), ['a', 'b', 'n']);
  assert.equal(pluralsComplete('{n, plural, one {# day} other {# days}}'), true);
  assert.equal(pluralsComplete('{n, plural, one {# day} few {# days}}'), false);
});
