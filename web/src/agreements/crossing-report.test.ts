// A crossing report's queues as labelled lines in each locale's digits, and its method and outcome labels.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queuesSchema } from '../../../src/domain/entries/crossing.js';
import { interpolate, LOCALES } from '../i18n/catalogues.js';
import { crossingReportStrings } from '../i18n/crossing-reports.js';
import { formattersFor } from '../i18n/format.js';
import { isStatusMethod, isVerificationOutcome, labelOf, QUEUE_KINDS, queueLines, queueText, type QueueKind } from './crossing-report.js';

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

test('queueText: each count into its kind\'s message, in the language\'s plural form and digits', () => {
  const inLocale = (code: 'en' | 'ar' | 'ps') => (kind: QueueKind, n: number) =>
    interpolate(crossingReportStrings[code][`queue.${kind}`], { n }, formattersFor(LOCALES[code]));
  const q = { trucks: 1200, people: 35_000 };
  assert.deepEqual(queueText(q, inLocale('en')), ['1,200 loaded trucks', '35,000 people']);
  assert.deepEqual(queueText({ trucks: 1, people: 1 }, inLocale('en')), ['1 loaded truck', '1 person']);
  assert.deepEqual(queueText(q, inLocale('ar')), ['الشاحنات المحمّلة: ١٬٢٠٠', 'الأشخاص: ٣٥٬٠٠٠'], 'Arabic-Indic digits');
  assert.deepEqual(queueText(q, inLocale('ps')), ['۱٬۲۰۰ بار شوې لارۍ', '۳۵٬۰۰۰ کسان'], 'Extended Arabic-Indic digits');
  assert.deepEqual(queueText(null, inLocale('en')), []);
});

test('labelOf: a known method or outcome gets its message; anything else is shown as sent', () => {
  const msg = (v: string) => `<${v}>`;
  assert.equal(labelOf('monitor_observation', isStatusMethod, msg), '<monitor_observation>');
  assert.equal(labelOf('drone', isStatusMethod, msg), 'drone');
  assert.equal(labelOf('disputed', isVerificationOutcome, msg), '<disputed>');
  assert.equal(labelOf('official_announcement', isVerificationOutcome, msg), 'official_announcement');
});
