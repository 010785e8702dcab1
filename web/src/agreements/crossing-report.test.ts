// A crossing report's queues as labelled lines in each locale's digits, and its method and outcome labels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queuesSchema } from '../../../src/domain/entries/crossing.js';
import { LOCALES } from '../i18n/catalogues.js';
import { formattersFor } from '../i18n/format.js';
import { isStatusMethod, isVerificationOutcome, labelOf, QUEUE_KINDS, queueLines, queueText } from './crossing-report.js';

const message = (kind: string, n: string) => `${kind}=${n}`;

test('queueLines: the kinds the domain defines, in a fixed order, zero kept', () => {
  assert.deepEqual([...QUEUE_KINDS].sort(), Object.keys(queuesSchema.shape).sort(), 'the domain\'s queue kinds');
  assert.deepEqual(queueLines({ people: 300, trucks: 120 }), [{ kind: 'trucks', count: 120 }, { kind: 'people', count: 300 }]);
  assert.deepEqual(queueLines({ people: 0 }), [{ kind: 'people', count: 0 }], 'nobody waiting is a figure');
  assert.deepEqual(queueLines({}), []);
  assert.deepEqual(queueLines(null), []);
});

test('queueLines: loose JSON is read for what the domain defines only', () => {
  assert.deepEqual(queueLines({ trucks: '120', people: -1, buses: 4 }), [], 'a string, a negative, an unknown kind');
  assert.deepEqual(queueLines({ trucks: 1.5, people: Number.NaN }), []);
  assert.deepEqual(queueLines([120, 300]), []);
  assert.deepEqual(queueLines('trucks: 120'), []);
  assert.deepEqual(queueLines({ trucks: 7, note: 'x' }), [{ kind: 'trucks', count: 7 }]);
});

test('queueText: counts through the locale\'s number formatter, then into their message', () => {
  const q = { trucks: 1200, people: 35_000 };
  assert.deepEqual(queueText(q, formattersFor(LOCALES.en).number, message), ['trucks=1,200', 'people=35,000']);
  assert.deepEqual(queueText(q, formattersFor(LOCALES.ar).number, message), ['trucks=١٬٢٠٠', 'people=٣٥٬٠٠٠'], 'Arabic-Indic digits');
  assert.deepEqual(queueText(q, formattersFor(LOCALES.ps).number, message), ['trucks=۱٬۲۰۰', 'people=۳۵٬۰۰۰'], 'Extended Arabic-Indic digits');
  assert.deepEqual(queueText(null, formattersFor(LOCALES.en).number, message), []);
});

test('labelOf: a known method or outcome gets its message; anything else is shown as sent', () => {
  const msg = (v: string) => `<${v}>`;
  assert.equal(labelOf('monitor_observation', isStatusMethod, msg), '<monitor_observation>');
  assert.equal(labelOf('drone', isStatusMethod, msg), 'drone');
  assert.equal(labelOf('disputed', isVerificationOutcome, msg), '<disputed>');
  assert.equal(labelOf('official_announcement', isVerificationOutcome, msg), 'official_announcement');
});
