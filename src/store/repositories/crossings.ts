/** SQL for crossing status reports. Access rules arrive as a CrossingReadScope; helpers without one say `unsafe`. */
import type { Expression, SqlBool } from 'kysely';
import type { CrossingReadScope } from '../../policy/crossing.js';
import type { CrossingReportRow } from '../../policy/crossing-presenter.js';
import type { Db } from '../db.js';
import { findRow } from '../unit-of-work.js';

/** The report, whoever asks: callers authorise with crossingReportPolicy. A keyed read, answered from the writer's batch inside one. */
export async function unsafeFindReport(db: Db, id: string): Promise<CrossingReportRow | undefined> {
  return (await findRow(db, { table: 'crossing_reports', key: id })) as CrossingReportRow | undefined;
}

export interface ReportFilters {
  crossingId?: string;
  side?: string;
}

/** The reports the scope allows, oldest effective first. */
export async function listReports(db: Db, scope: CrossingReadScope, f: ReportFilters): Promise<CrossingReportRow[]> {
  let q = db.selectFrom('crossing_reports').selectAll();
  if (f.crossingId) q = q.where('crossing_id', '=', f.crossingId);
  if (f.side) q = q.where('side', '=', f.side);
  if (scope !== 'all') {
    q = q.where((eb) => {
      const seen: Expression<SqlBool>[] = [eb('visibility', 'in', scope.visibilities)];
      if (scope.ownerOrg) seen.push(eb('reporter_org', '=', scope.ownerOrg));
      const any = eb.or(seen);
      return scope.verifiedOnly ? eb.and([any, eb('verified', '=', true)]) : any;
    });
  }
  return (await q.orderBy('effective_from').orderBy('id').execute()) as CrossingReportRow[];
}


