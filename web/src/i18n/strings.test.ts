// Every area's messages: the same keys in every language, none empty, the same {placeholders}.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AREAS } from './areas.js';
import { LOCALE_CODES, placeholderNames, pluralsComplete } from './catalogues.js';

test('each area has English keys in every language, non-empty, with the same placeholders', () => {
  for (const [area, set] of Object.entries(AREAS)) {
    const keys = Object.keys(set.en).sort();
    assert.ok(keys.length > 0, `${area}: no messages`);
    for (const code of LOCALE_CODES) {
      const c = set[code] as Record<string, string>;
      assert.deepEqual(Object.keys(c).sort(), keys, `${area}/${code}: key set`);
      for (const k of keys) {
        assert.ok(c[k]!.trim().length > 0, `${area}/${code}: ${k} is empty`);
        assert.deepEqual(placeholderNames(c[k]!), placeholderNames((set.en as Record<string, string>)[k]!), `${area}/${code}: ${k} placeholders`);
        assert.ok(pluralsComplete(c[k]!), `${area}/${code}: ${k} has a plural without its 'other' form`);
      }
    }
  }
});
