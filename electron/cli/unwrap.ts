import type { Envelope } from '../../shared/contract/envelope';
import { AmeliaError } from '../../shared/contract/envelope';

/** The value of a successful reply; a failed one becomes an error the CLI prints. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new AmeliaError(envelope.error.code, envelope.error.message, envelope.error.where);
}
