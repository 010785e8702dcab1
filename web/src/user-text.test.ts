import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageName, listedTitle, preferredVersion, sameLanguage, textVersions, type FiledText } from './user-text.js';

const filed: FiledText = {
  language: 'en',
  title: 'Mortar fire on homes',
  notes: 'Three houses hit.',
  filer: 'AFG',
  translations: {
    tr: { title: 'Evlere havan ateşi', notes: 'Üç ev vuruldu.', by: ['AFG', 'TUR'] },
    prs: { title: 'شلیک هاوان بر خانه‌ها' },
    ps: {},
    'en-GB': { title: 'Mortar fire on houses' },
  },
};

test('the text as filed comes first; translations follow by tag, missing fields taken from the original', () => {
  const v = textVersions(filed);
  assert.deepEqual(v.map((x) => [x.language, x.original]), [['en', true], ['prs', false], ['tr', false]], 'empty and same-language translations are left out');
  const dari = v.find((x) => x.language === 'prs')!;
  assert.equal(dari.title, 'شلیک هاوان بر خانه‌ها');
  assert.equal(dari.notes, 'Three houses hit.');
  assert.equal(dari.titleLanguage, 'prs');
  assert.equal(dari.notesLanguage, 'en', 'the notes shown are the original, in its language');
  assert.deepEqual(dari.by, ['AFG'], 'filed with the complaint: the filer\'s');
  assert.deepEqual(v.find((x) => x.language === 'tr')!.by, ['AFG', 'TUR'], 'added to since: everyone who gave it');
  assert.deepEqual(v[0]!.by, ['AFG']);
});

test('a reader sees the translation into the UI language first, else the text as filed', () => {
  const v = textVersions(filed);
  assert.equal(preferredVersion(v, 'tr').language, 'tr');
  assert.equal(preferredVersion(v, 'fa-AF').language, 'prs', 'Dari: fa-AF matches prs');
  assert.equal(preferredVersion(v, 'en').original, true);
  assert.equal(preferredVersion(v, 'ar').original, true, 'no Arabic translation: the original');
  const exact = textVersions({ ...filed, language: 'ps', translations: { fa: { title: 'fa' }, 'fa-AF': { title: 'fa-AF' } } });
  assert.equal(preferredVersion(exact, 'fa-AF').title, 'fa-AF', 'an exact tag beats a language match');
  assert.equal(preferredVersion(exact, 'ps').original, true, 'written in the reader\'s language: as filed');
});

test('without a filed language the original is still the original, and languages compare by primary subtag', () => {
  const v = textVersions({ language: null, title: 't', notes: '', filer: 'PAK', translations: { ur: { title: 'u' } } });
  assert.equal(v[0]!.language, null);
  assert.equal(preferredVersion(v, 'ur').title, 'u');
  assert.equal(preferredVersion(v, 'en').original, true);
  assert.ok(sameLanguage('fa', 'fa-AF') && sameLanguage('PRS', 'fa') && !sameLanguage('ps', 'fa') && !sameLanguage(null, 'en'));
});

test('language names come from Intl in the reader\'s language, the tag when unknown', () => {
  assert.equal(languageName('tr', 'en'), 'Turkish');
  assert.equal(languageName('tr', 'tr'), 'Türkçe');
  assert.equal(languageName(null, 'en'), null);
  assert.equal(languageName('not a tag!', 'en'), 'not a tag!');
});

test('a listed title is the translation into the reader\'s language when filed with one, marked as such', () => {
  const item = { title: 'Drone over the bazaar', language: 'en', title_translations: { tr: 'Pazar üzerinde drone', ps: 'د بازار پر سر ډرون' } };
  assert.deepEqual(listedTitle(item, 'tr'), { text: 'Pazar üzerinde drone', language: 'tr', translated: true });
  assert.deepEqual(listedTitle(item, 'en'), { text: 'Drone over the bazaar', language: 'en', translated: false });
  assert.deepEqual(listedTitle(item, 'ar'), { text: 'Drone over the bazaar', language: 'en', translated: false }, 'no Arabic translation: as filed');
  assert.deepEqual(listedTitle({ ...item, language: 'tr' }, 'tr').translated, false, 'filed in the reader\'s language');
});
