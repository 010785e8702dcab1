/**
 * The evidence routes as the browser calls them (src/api/routes/evidence.ts).
 * The upload goes through XMLHttpRequest for its upload progress events
 * (fetch reports none); it sends the CSRF token like every other write.
 */
import { ApiError, csrf, getJson } from '../api.js';

export interface EvidenceSummary {
  id: string;
  incident_id: string;
  kind: string;
  media_type: string;
  size: number;
  sha256: string;
  original_name: string;
  description: string | null;
  captured_at: string | null;
  capture_place: Record<string, unknown> | null;
  device: string | null;
  visibility: string;
  sealed: boolean;
  disclosed: boolean;
  redacted_of: string | null;
  lodged_org: string;
  lodged_by: string;
  lodged_at: string;
  entry_index: number;
  content_url: string;
  actions: string[];
}

export interface CustodyEvent { index: number; action: string; org: string; user: string; at: string; copy_id: string | null }

export interface EvidenceDetail extends EvidenceSummary {
  metadata: Record<string, unknown>;
  redactions: Array<{ id: string; visibility: string; lodged_at: string; entry_index: number }>;
  disclosure: { index: number; at: string; org: string; url: string } | null;
  custody: CustodyEvent[] | null;
}

export interface DisclosureProof {
  evidence_id: string;
  sha256: string;
  lodged: { index: number; entry: string };
  disclosure: { index: number; entry: string };
  salt: string;
  body: Record<string, unknown>;
}

export const EVIDENCE_KINDS = ['photo', 'video', 'imagery', 'document', 'statement', 'sensor', 'open-source'] as const;

export const evidenceApi = {
  list: (incidentId: string) => getJson<{ items: EvidenceSummary[] }>(`/api/incidents/${encodeURIComponent(incidentId)}/evidence`),
  detail: (id: string) => getJson<EvidenceDetail>(`/api/evidence/${encodeURIComponent(id)}`),
  /** As a list row shows it, for pages that cite it; unlike `detail`, not a custody step (no `evidence.viewed` entry). */
  summary: (id: string) => getJson<EvidenceSummary>(`/api/evidence/${encodeURIComponent(id)}/summary`),
  /** Evidence the viewer may read on any incident, newest first, found by id, file name or incident id (records nothing). */
  search: (text: string, limit = 10) => getJson<{ items: EvidenceSummary[] }>(`/api/evidence?${new URLSearchParams({ ...(text ? { q: text } : {}), limit: String(limit) }).toString()}`),
  disclosure: (id: string) => getJson<DisclosureProof>(`/api/evidence/${encodeURIComponent(id)}/disclosure`),
};

function apiErrorOf(status: number, statusText: string, text: string): ApiError {
  try {
    const j = JSON.parse(text) as { error?: { code?: string; message?: string } };
    return new ApiError(status, j.error?.code ?? 'http_error', j.error?.message ?? `${status} ${statusText}`);
  } catch {
    return new ApiError(status, 'http_error', `${status} ${statusText}`);
  }
}

/** Lodge a file with its text fields; `onProgress` gets bytes sent and total as the upload goes. */
export function uploadEvidence(
  incidentId: string,
  file: File,
  fields: Record<string, string>,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ evidence: EvidenceDetail; entry: { index: number; type: string } }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== '') form.append(k, v);
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/incidents/${encodeURIComponent(incidentId)}/evidence`);
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrf.get();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status === 201) {
        try {
          resolve(JSON.parse(xhr.responseText));
        } catch (e) {
          reject(e);
        }
      } else reject(apiErrorOf(xhr.status, xhr.statusText, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'the upload failed (network error)'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'the upload was cancelled'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** The file's bytes (a signed-in download is recorded in the chain of custody). */
export async function downloadEvidence(contentUrl: string): Promise<ArrayBuffer> {
  const res = await fetch(contentUrl, { credentials: 'same-origin' });
  if (!res.ok) throw apiErrorOf(res.status, res.statusText, await res.text().catch(() => ''));
  return res.arrayBuffer();
}
