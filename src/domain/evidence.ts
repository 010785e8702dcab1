/**
 * Evidence rules that need no I/O (DOMAIN.md "Evidence"): which media types
 * are accepted (always as sniffed from the content, never as the client
 * says), how text is told from binary and from markup, evidence ids, safe
 * file names, and what capture metadata is kept from a file's EXIF.
 */
import type { CapturePlace, EvidenceKind, EvidenceLodged, ExtractedMetadata } from './entries/evidence.js';
import type { Visibility } from './visibility.js';

/**
 * Accepted media types as `file-type` reports them, and the extension a
 * download gets. Formats a browser or desktop may execute or unpack
 * (executables, archives, HTML, SVG, office macros) are refused.
 */
export const ACCEPTED_MEDIA: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'image/tiff': 'tif',
  'image/heic': 'heic', 'image/heif': 'heif', 'image/avif': 'avif',
  'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/webm': 'webm', 'video/x-m4v': 'm4v',
  // Recorded witness statements.
  'audio/mpeg': 'mp3', 'audio/mp4': 'm4a', 'audio/x-m4a': 'm4a', 'audio/ogg': 'ogg', 'audio/opus': 'opus', 'audio/wav': 'wav',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

/** Image types exifr reads capture metadata from. */
export const EXIF_MEDIA: ReadonlySet<string> = new Set(['image/jpeg', 'image/tiff', 'image/heic', 'image/heif', 'image/avif', 'image/png']);

export type MediaVerdict = { ok: true; mediaType: string; ext: string } | { ok: false; reason: string };

/** The verdict on a sniffed binary type (`undefined`: no binary signature, so a text candidate). */
export function judgeSniffed(mime: string | undefined): MediaVerdict | undefined {
  if (mime === undefined) return undefined;
  const ext = ACCEPTED_MEDIA[mime];
  if (ext && mime !== 'text/plain') return { ok: true, mediaType: mime, ext };
  return { ok: false, reason: `${mime} files are not accepted as evidence (accepted: images, video, audio, PDF, plain UTF-8 text)` };
}

// WHATWG MIME Sniffing §7.1 (identifying an unknown MIME type): a resource
// starting, after whitespace, with one of these is HTML to a browser. XML
// (and so SVG, which can carry script) is refused as well.
const MARKUP = /^(<!doctype html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<body|<br|<p|<!--|<\?xml|<svg)[\s>/]/i;

/**
 * Decides whether a stream of bytes is plain UTF-8 text: valid UTF-8 (WHATWG
 * Encoding, fatal decoder), no binary data bytes (MIME Sniffing §3: C0
 * controls other than TAB, LF, FF, CR and ESC; so no NUL), and not markup.
 */
export class TextSniffer {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private head = '';
  private problem: string | undefined;
  private bytes = 0;

  /** True once the bytes seen so far already rule out text. */
  get failed(): boolean {
    return this.problem !== undefined;
  }

  push(chunk: Uint8Array): void {
    if (this.problem) return;
    this.bytes += chunk.length;
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      this.problem = 'the file is neither a recognised media type nor UTF-8 text';
      return;
    }
    if (/[\u0000-\u0008\u000b\u000e-\u001a\u001c-\u001f]/.test(text)) {
      this.problem = 'the file contains binary data and is not a recognised media type';
      return;
    }
    if (this.head.length < 1024) this.head += text.slice(0, 1024);
  }

  verdict(): MediaVerdict {
    if (!this.problem) {
      try {
        this.decoder.decode();
      } catch {
        this.problem = 'the file ends inside a UTF-8 sequence';
      }
    }
    if (this.problem) return { ok: false, reason: this.problem };
    if (this.bytes === 0) return { ok: false, reason: 'the file is empty' };
    if (MARKUP.test(this.head.replace(/^\uFEFF/, '').trimStart())) {
      return { ok: false, reason: 'HTML, XML and SVG files are not accepted as evidence; print them to PDF' };
    }
    return { ok: true, mediaType: 'text/plain', ext: 'txt' };
  }
}

/** Next evidence id in a year: EV-2025-00001, … (5 digits, more when needed). */
export function nextEvidenceId(year: number, lastNumber: number): string {
  return `EV-${year}-${String(lastNumber + 1).padStart(5, '0')}`;
}

/**
 * The client's file name as a label: last path segment only, no control or
 * bidi-override characters (which can disguise an extension), at most 200
 * characters. Never used as a path.
 */
export function cleanOriginalName(name: string | undefined): string {
  const last = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = last.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'evidence' : clean;
}

/**
 * Content-Disposition for a download (RFC 6266 §4.3): attachment, an ASCII
 * fallback name and the UTF-8 one (RFC 8187), both ending in the extension of
 * the sniffed type so the saved file opens as what it is.
 */
export function contentDisposition(evidenceId: string, originalName: string, ext: string): string {
  const stem = originalName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const utf8 = `${evidenceId}-${stem}.${ext}`;
  const ascii = utf8.replace(/[^A-Za-z0-9._-]/g, '_').replace(/_+/g, '_');
  const encoded = encodeURIComponent(utf8).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** A real local date-time 'YYYY-MM-DDTHH:MM:SS' from its parts, or undefined. */
function localTime(text: string): string | undefined {
  const m = LOCAL_TIME.exec(text);
  if (!m) return undefined;
  const out = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}`;
  const ms = Date.parse(`${out}Z`);
  return Number.isFinite(ms) && new Date(ms).toISOString().startsWith(out) ? out : undefined;
}

/**
 * A capture time as recorded: with a zone, the instant in UTC
 * ('…T02:00:00.000Z'); without one, the clock time at the place as given
 * ('…T06:30:00'), since guessing the zone would invent a fact.
 */
export function normaliseCapturedAt(text: string): string | undefined {
  if (ZONED_TIME.test(text)) {
    const ms = Date.parse(text);
    const local = localTime(text.replace(/(Z|[+-]\d{2}:\d{2})$/, ''));
    return Number.isFinite(ms) && local ? new Date(ms).toISOString() : undefined;
  }
  return localTime(text);
}

type Raw = Record<string, unknown>;

function label(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim().slice(0, 200);
  return s === '' ? undefined : s;
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
/** Six decimals of a degree is ~0.1 m; more is float noise from the rational → decimal conversion. */
const degrees = (v: number) => Math.round(v * 1e6) / 1e6;

export interface Capture {
  metadata: ExtractedMetadata;
  captured_at?: string;
  capture_place?: CapturePlace;
  device?: string;
}

/**
 * What is kept from exifr's raw output (reviveValues off, so dates are EXIF
 * strings 'YYYY:MM:DD HH:MM:SS'; CIPA DC-008 tags): camera, software, capture
 * time (with OffsetTimeOriginal when present) and GPS position.
 */
export function captureFromExif(raw: Raw | undefined): Capture {
  const metadata: ExtractedMetadata = {};
  const out: Capture = { metadata };
  if (!raw) return out;
  const make = label(raw.Make);
  const model = label(raw.Model);
  const software = label(raw.Software);
  if (make) metadata.make = make;
  if (model) metadata.model = model;
  if (software) metadata.software = software;
  if (make || model) out.device = model && make && model.toLowerCase().startsWith(make.toLowerCase()) ? model : [make, model].filter(Boolean).join(' ');
  const when = typeof raw.DateTimeOriginal === 'string' ? /^(\d{4}):(\d{2}):(\d{2}) (\d{2}:\d{2}:\d{2})/.exec(raw.DateTimeOriginal) : null;
  const local = when ? localTime(`${when[1]}-${when[2]}-${when[3]}T${when[4]}`) : undefined;
  if (local) {
    metadata.date_time_original = local;
    const offset = typeof raw.OffsetTimeOriginal === 'string' && /^[+-]\d{2}:\d{2}$/.test(raw.OffsetTimeOriginal) ? raw.OffsetTimeOriginal : undefined;
    if (offset) metadata.offset_time_original = offset;
    out.captured_at = normaliseCapturedAt(offset ? `${local}${offset}` : local);
  }
  const lat = finite(raw.latitude);
  const lon = finite(raw.longitude);
  if (lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
    let altitude = finite(raw.GPSAltitude);
    const ref = raw.GPSAltitudeRef;
    // GPSAltitudeRef 1: below sea level.
    if (altitude !== undefined && (ref === 1 || (ref instanceof Uint8Array && ref[0] === 1))) altitude = -altitude;
    const gps = { latitude: degrees(lat), longitude: degrees(lon), ...(altitude !== undefined ? { altitude } : {}) };
    metadata.gps = gps;
    out.capture_place = { ...gps, precision: 1 };
  }
  const width = finite(raw.ExifImageWidth ?? raw.ImageWidth);
  const height = finite(raw.ExifImageHeight ?? raw.ImageHeight);
  if (width !== undefined && height !== undefined && Number.isInteger(width) && Number.isInteger(height)) {
    metadata.width = width;
    metadata.height = height;
  }
  return out;
}

/** What the person lodging chooses; capture fields they give win over the file's metadata. */
export interface LodgeChoices {
  kind: EvidenceKind;
  visibility: Visibility;
  description?: string | undefined;
  /** Already normalised (normaliseCapturedAt). */
  captured_at?: string | undefined;
  capture_place?: CapturePlace | undefined;
  device?: string | undefined;
}

/** The facts about the file, from intake. */
export interface FileFacts {
  sha256: string;
  size: number;
  mediaType: string;
  originalName: string;
  capture: Capture;
}

/** The `evidence.lodged` body (no undefined members: it is signed as canonical JSON). */
export function lodgedBody(id: string, incidentId: string, file: FileFacts, c: LodgeChoices, redactedOf?: string): EvidenceLodged {
  const capturedAt = c.captured_at ?? file.capture.captured_at;
  const place = c.capture_place ?? file.capture.capture_place;
  const device = c.device ?? file.capture.device;
  return {
    id,
    incident_id: incidentId,
    kind: c.kind,
    sha256: file.sha256,
    size: file.size,
    media_type: file.mediaType,
    original_name: file.originalName,
    ...(capturedAt !== undefined ? { captured_at: capturedAt } : {}),
    ...(place !== undefined ? { capture_place: place } : {}),
    ...(device !== undefined ? { device } : {}),
    metadata: file.capture.metadata,
    ...(c.description !== undefined ? { description: c.description } : {}),
    visibility: c.visibility,
    ...(redactedOf !== undefined ? { redacted_of: redactedOf } : {}),
  };
}
