// The UI's copies of the API enumerations (lists.ts) must equal the domain's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INCIDENT_STATUSES } from '../../src/domain/incident.js';
import { SEVERITIES, VIOLATION_CATEGORIES } from '../../src/domain/entries/incident.js';
import { ROLES, VISIBILITIES } from '../../src/domain/visibility.js';
import { INCIDENT_ACTIONS } from '../../src/policy/incident.js';
import * as ui from './lists.js';

test('the web UI lists the same statuses, categories, severities, visibilities, roles and actions as the domain', () => {
  assert.deepEqual([...ui.INCIDENT_STATUSES], [...INCIDENT_STATUSES]);
  assert.deepEqual([...ui.VIOLATION_CATEGORIES], [...VIOLATION_CATEGORIES]);
  assert.deepEqual([...ui.SEVERITIES], [...SEVERITIES]);
  assert.deepEqual([...ui.VISIBILITIES], [...VISIBILITIES]);
  assert.deepEqual([...ui.ROLES], [...ROLES]);
  assert.deepEqual([...ui.INCIDENT_ACTIONS], [...INCIDENT_ACTIONS]);
});
