// The lifecycle forms' copies of the domain's enumerations and routes must equal the domain's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STEP_ROUTES } from '../../../../src/api/routes/incident-steps.schema.js';
import { CLAUSE_REF, INCIDENT_ID, ORG_ID } from '../../../../src/domain/entries/common.js';
import * as finding from '../../../../src/domain/entries/finding.js';
import { NOTE_KINDS, RESPONSE_POSITIONS } from '../../../../src/domain/entries/incident-steps.js';
import * as ui from './enums.js';

test('the lifecycle forms offer the domain\'s values and call the routes the server registers', () => {
  assert.deepEqual([...ui.DETERMINATIONS], [...finding.DETERMINATIONS]);
  assert.deepEqual([...ui.GRADES], [...finding.GRADES]);
  assert.deepEqual([...ui.CONFIDENCE], [...finding.CONFIDENCE]);
  assert.deepEqual([...ui.INTENTS], [...finding.INTENTS]);
  assert.deepEqual([...ui.RESPONSE_POSITIONS], [...RESPONSE_POSITIONS]);
  assert.deepEqual([...ui.NOTE_KINDS], [...NOTE_KINDS]);
  assert.deepEqual(ui.STEP_PATHS, Object.fromEntries(Object.entries(STEP_ROUTES).map(([a, r]) => [a, r.path])));
  assert.equal(String(ui.CLAUSE_REF), String(CLAUSE_REF));
  assert.equal(String(ui.INCIDENT_ID), String(INCIDENT_ID));
  assert.equal(String(ui.ORG_ID), String(ORG_ID));
});
