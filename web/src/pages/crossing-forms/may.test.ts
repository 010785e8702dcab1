// The UI offers the report-status and report-count forms to exactly those the server's policy lets write them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ORG_KINDS, ROLES, type Viewer } from '../../../../src/domain/visibility.js';
import { canReportCrossingStatus } from '../../../../src/policy/crossing.js';
import { canReportMovement } from '../../../../src/policy/movement.js';
import type { ViewerInfo } from '../../api.js';
import { mayReportCount, statusReporter } from './may.js';

/** Every organisation kind with no role, each single role, and each pair of roles. */
function viewers(): Array<{ ui: ViewerInfo; server: Viewer }> {
  const roleSets: Array<readonly (typeof ROLES)[number][]> = [[]];
  for (const a of ROLES) {
    roleSets.push([a]);
    for (const b of ROLES) if (a < b) roleSets.push([a, b]);
  }
  return ORG_KINDS.flatMap((kind) => roleSets.map((roles) => ({
    ui: { user_id: 'u', username: 'u', org: 'ORG', org_kind: kind, roles: [...roles] },
    server: { userId: 'u', username: 'u', org: 'ORG', orgKind: kind, roles },
  })));
}

test('statusReporter matches canReportCrossingStatus for the viewer\'s own side and another side', () => {
  for (const { ui, server } of viewers()) {
    const r = statusReporter(ui);
    const what = `${ui.org_kind} [${ui.roles.join(',')}]`;
    assert.equal(r !== null && (r.side === null || r.side === 'ORG'), canReportCrossingStatus(server, 'ORG'), `${what}: own side`);
    assert.equal(r !== null && r.side === null, canReportCrossingStatus(server, 'OTHER'), `${what}: another side`);
  }
  assert.equal(statusReporter(null), null);
  assert.equal(statusReporter(undefined), null);
});

test('mayReportCount matches canReportMovement', () => {
  for (const { ui, server } of viewers()) assert.equal(mayReportCount(ui), canReportMovement(server), `${ui.org_kind} [${ui.roles.join(',')}]`);
  assert.equal(mayReportCount(null), false);
});
