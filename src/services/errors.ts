/** Errors services throw; the API maps each code to its HTTP status and `{ error: { code, message } }`. */
export const SERVICE_ERRORS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  unavailable: 503,
} as const;
export type ServiceErrorCode = keyof typeof SERVICE_ERRORS;

export class ServiceError extends Error {
  constructor(readonly code: ServiceErrorCode, message: string) {
    super(message);
    this.name = 'ServiceError';
  }
  get status(): number {
    return SERVICE_ERRORS[this.code];
  }
}

export const notFound = (what: string): ServiceError => new ServiceError('not_found', `${what} not found`);
export const forbidden = (message = 'you may not do this'): ServiceError => new ServiceError('forbidden', message);
