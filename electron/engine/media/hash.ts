import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { AmeliaError } from '../../../shared/contract/envelope';

/** SHA-256 of a file's bytes, hex. */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      if (signal?.aborted) throw new AmeliaError('cancelled', 'cancelled');
      hash.update(chunk as Buffer);
    }
  } finally {
    stream.destroy();
  }
  return hash.digest('hex');
}
