/**
 * Typed witness failures. Each carries the HTTP status that C2SP tlog-witness
 * §add-checkpoint prescribes for it, so the server maps errors to responses
 * in one place and never sends a stack trace. Codes are stable: clients and
 * tests match on them.
 */
export const WitnessCode = {
  /** 400: the request body is not an add-checkpoint request, or old size > checkpoint size. */
  MALFORMED_REQUEST: 'malformed_request',
  /** 404: no log with this checkpoint origin is configured. */
  UNKNOWN_LOG: 'unknown_log',
  /** 403: no signature verifies against a key trusted for the origin. */
  BAD_SIGNATURE: 'bad_signature',
  /** 409: old size differs from the latest cosigned size (body: that size). */
  OLD_SIZE_MISMATCH: 'old_size_mismatch',
  /** 409: same size as the latest cosigned checkpoint, different root hash. */
  ROOT_MISMATCH: 'root_mismatch',
  /** 422: the consistency proof does not verify. */
  BAD_PROOF: 'bad_proof',
  /** 403: an alarm stands for this log; the witness cosigns nothing for it until an operator clears the alarm. */
  FROZEN: 'frozen',
  /** 503: a state write failed; the witness cosigns nothing until restarted (fail-stop). */
  UNAVAILABLE: 'unavailable',
  /** Start-up: bad log, key or peer configuration. */
  BAD_CONFIG: 'bad_config',
  /** Start-up: another process uses the state directory. */
  STATE_LOCKED: 'state_locked',
  /** Start-up: the state directory is damaged or inconsistent. */
  BAD_STATE: 'bad_state',
} as const;

export type WitnessCode = (typeof WitnessCode)[keyof typeof WitnessCode];

const STATUS: Record<WitnessCode, number> = {
  malformed_request: 400,
  unknown_log: 404,
  bad_signature: 403,
  old_size_mismatch: 409,
  root_mismatch: 409,
  bad_proof: 422,
  frozen: 403,
  unavailable: 503,
  bad_config: 500,
  state_locked: 500,
  bad_state: 500,
};

export class WitnessError extends Error {
  override readonly name = 'WitnessError';
  readonly status: number;
  constructor(
    readonly code: WitnessCode,
    message: string,
    /** For 409: the size of the latest cosigned checkpoint (tlog-witness §add-checkpoint). */
    readonly currentSize?: number,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
