/**
 * What the viewer may do with one status report, exactly as the report's
 * `actions` lists it: a button per action in the report's row, and the
 * chosen action's form in a row of its own right below (one form open at a
 * time, chosen by the page).
 */
import type { CrossingReport } from '../../agreements/api.js';
import type { FiledComplaint, RecordedReport } from '../../agreements/crossing-actions-api.js';
import { crossingFormStrings } from '../../i18n/crossing-forms.js';
import { useStrings } from '../../i18n/strings.js';
import { useSession } from '../../session.js';
import { ComplaintForm } from './complaint.js';
import { LinkForm } from './link.js';
import { VerifyForm } from './verify.js';

export const ROW_ACTIONS = ['verify', 'link', 'file_complaint'] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];

export const rowActionsOf = (r: CrossingReport): RowAction[] => ROW_ACTIONS.filter((a) => r.actions.includes(a));

export const formIdOf = (r: CrossingReport, a: RowAction) => `${a === 'file_complaint' ? 'complaint' : a}-${r.id}`;

export function RowActionButtons({ report, open, onOpen }: { report: CrossingReport; open: RowAction | null; onOpen: (a: RowAction | null) => void }) {
  const t = useStrings(crossingFormStrings);
  const { canWrite } = useSession();
  const actions = rowActionsOf(report);
  if (actions.length === 0) return null;
  return (
    <div className="ag-actions" data-testid={`report-actions-${report.id}`}>
      {actions.map((a) => (
        <button
          key={a} type="button" className={open === a ? undefined : 'secondary'} disabled={!canWrite}
          aria-expanded={open === a} aria-controls={open === a ? formIdOf(report, a) : undefined}
          aria-label={t('act.for', { action: t(`act.${a}`), id: report.id })}
          onClick={() => onOpen(open === a ? null : a)}
        >
          {t(`act.${a}`)}
        </button>
      ))}
    </div>
  );
}

export function RowActionForm({ crossingId, report, action, onRecorded, onFiled, onCancel }: {
  crossingId: string;
  report: CrossingReport;
  action: RowAction;
  onRecorded: (r: RecordedReport) => void;
  onFiled: (r: FiledComplaint) => void;
  onCancel: () => void;
}) {
  const props = { crossingId, report, onCancel };
  if (action === 'verify') return <VerifyForm {...props} onDone={onRecorded} />;
  if (action === 'link') return <LinkForm {...props} onDone={onRecorded} />;
  return <ComplaintForm {...props} onDone={onFiled} />;
}
