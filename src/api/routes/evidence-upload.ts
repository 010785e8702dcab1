/**
 * Reading a multipart evidence upload as it streams: text fields are
 * collected, the one `file` part goes straight into the blob store's temp
 * area (never buffered whole in memory) through the service's intake. The
 * upload limit is enforced twice over: busboy truncates the part at
 * `limits.fileSize` (we refuse a truncated file with 413) and the blob store
 * stops at the same limit, so a cut-off file is never stored.
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Services } from '../../services/context.js';
import { receiveFile, type ReceivedFile } from '../../services/evidence-intake.js';
import { ServiceError } from '../../services/errors.js';

export interface Upload<T> {
  fields: T;
  file: ReceivedFile;
}

const bad = (message: string) => new ServiceError('bad_request', message);

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of stream) { /* discard */ }
}

/** Read the upload; on any refusal the received file is discarded before the error propagates. */
export async function readUpload<S extends z.ZodType>(req: FastifyRequest, s: Services, fieldsSchema: S): Promise<Upload<z.output<S>>> {
  if (!req.isMultipart()) throw new ServiceError('unsupported_media_type', 'send multipart/form-data: a "file" part and the fields');
  const maxBytes = req.server.maxUploadBytes;
  const fields: Record<string, string> = {};
  let file: ReceivedFile | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          await drain(part.file);
          throw bad(`unexpected file part "${part.fieldname.slice(0, 40)}": send one part named "file"`);
        }
        const stream = part.file;
        file = await receiveFile(s, { source: stream, filename: part.filename, maxBytes, truncated: () => stream.truncated });
      } else {
        if (typeof part.value !== 'string' || part.valueTruncated) throw bad(`field ${part.fieldname.slice(0, 40)}: not a short text value`);
        if (Object.hasOwn(fields, part.fieldname)) throw bad(`field ${part.fieldname.slice(0, 40)} is given twice`);
        fields[part.fieldname] = part.value;
      }
    }
    if (!file) throw bad('file: missing (send the evidence as a part named "file")');
    const parsed = fieldsSchema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw bad(`${issue?.path.join('.') || 'fields'}: ${issue?.message ?? 'invalid'}`);
    }
    return { fields: parsed.data as z.output<S>, file };
  } catch (e) {
    await file?.blob.discard();
    throw e;
  }
}
