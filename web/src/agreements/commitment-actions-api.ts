/**
 * The commitment writes as the browser sends them (src/api/routes/commitments.schema.ts,
 * src/domain/entries/commitment.ts), the clause register they name
 * (GET /api/clauses), and setting D-day (POST /api/clauses/d-day). Bodies are
 * typed here from those schemas; the server checks them again and its 4xx
 * message reaches the form (send throws ApiError).
 */
import { getJson, send } from '../api.js';
import type { CommitmentDetail, Deadline, KROC_STATUSES } from './api.js';

export type KrocStatus = (typeof KROC_STATUSES)[number];
export type CommitmentVisibility = 'mediators' | 'parties' | 'public';

export interface ClauseItem {
  id: string;
  title: string;
  text: string;
  version: number;
}

export interface ClauseRegister {
  /** The ceasefire's D-day (YYYY-MM-DD), from which "D+N" deadlines count; null until mediators' staff set it. */
  d_day: string | null;
  items: ClauseItem[];
}

/** POST /api/commitments: what the register form sends. */
export interface RegisterBody {
  title: string;
  clause_id: string;
  obligated_party: string;
  indicator: string;
  evidence_required: string;
  deadline: Deadline;
  conditional_on?: string[];
  visibility: CommitmentVisibility;
  notes?: string;
}

/** The terms an amendment may change (never the deadline: that is an extension); only what changed is sent. */
export interface AmendBody {
  title?: string;
  clause_id?: string;
  indicator?: string;
  evidence_required?: string;
  conditional_on?: string[];
  visibility?: CommitmentVisibility;
  reason: string;
}

export interface ExtendBody { deadline: Deadline; reason: string }
/** A verification (the status that counts) or a self-report (kept beside it, never the status): the same body. */
export interface ReportBody { status: KrocStatus; evidence: string[]; note: string }

/** POST /api/clauses/d-day: the day the ceasefire took effect (YYYY-MM-DD), from which "D+N" deadlines count. */
export interface DDayBody { d_day: string; reason: string }
export interface RecordedDDay { d_day: string; entry: { index: number; type: string } }

export type CommitmentStep = 'amend' | 'extend' | 'verify' | 'self_report';
export type StepBody<A extends CommitmentStep> = A extends 'amend' ? AmendBody : A extends 'extend' ? ExtendBody : ReportBody;

/** Each action's URL below /api/commitments/:id/ (COMMITMENT_STEP_ROUTES). */
export const COMMITMENT_STEP_PATHS: Readonly<Record<CommitmentStep, string>> = {
  amend: 'amendments',
  extend: 'extensions',
  verify: 'verifications',
  self_report: 'self-reports',
};

export interface RecordedCommitment {
  commitment: CommitmentDetail;
  entry: { index: number; type: string };
}

const enc = encodeURIComponent;

export const commitmentActionsApi = {
  clauses: () => getJson<ClauseRegister>('/api/clauses'),
  register: (body: RegisterBody) => send<RecordedCommitment>('POST', '/api/commitments', body),
  setDDay: (body: DDayBody) => send<RecordedDDay>('POST', '/api/clauses/d-day', body),
  step: <A extends CommitmentStep>(id: string, action: A, body: StepBody<A>) =>
    send<RecordedCommitment>('POST', `/api/commitments/${enc(id)}/${COMMITMENT_STEP_PATHS[action]}`, body),
};
