import { z } from 'zod';

/** Why a call failed, for code to branch on; the message is for people. */
export const errorCodeSchema = z.enum([
  'invalid_request',
  'unknown_method',
  'not_found',
  'conflict',
  'duplicate',
  'media_error',
  'unsupported',
  'forbidden',
  'unauthenticated',
  'cancelled',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Where in the request or input the problem is (a field path, a file and line). */
  where: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, where?: string): Envelope<never> {
  return { ok: false, error: where === undefined ? { code, message } : { code, message, where } };
}

/** An error that carries its envelope code; the engine turns it into `{ok: false}`. */
export class AmeliaError extends Error {
  readonly code: ErrorCode;
  readonly where: string | undefined;
  constructor(code: ErrorCode, message: string, where?: string) {
    super(message);
    this.name = 'AmeliaError';
    this.code = code;
    this.where = where;
  }
  toApiError(): ApiError {
    return this.where === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, where: this.where };
  }
}

/** Schema of an envelope around a value schema, to check replies that cross a boundary. */
export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}
