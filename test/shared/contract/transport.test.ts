import { describe, expect, it } from 'vitest';
import { methodNames, methods } from '../../../shared/contract/api';
import type { ErrorCode } from '../../../shared/contract/envelope';
import { errorCodeSchema } from '../../../shared/contract/envelope';
import type { MediaFile } from '../../../shared/contract/transport';
import {
  HTTP_API_PREFIX,
  IPC_EVENT_CHANNEL,
  IPC_PICK_VIDEOS_CHANNEL,
  IPC_PREFIX,
  MEDIA_PREFIX,
  httpMethodPath,
  ipcChannel,
  mediaPath,
  mediaUrl,
  parseMediaPath,
} from '../../../shared/contract/transport';
import { httpStatusOf } from '../../../electron/server/httpServer';

const ID = '3f2b8c1e-9a4d-4e5f-8a7b-1c2d3e4f5a6b';

describe('media paths', () => {
  const files: MediaFile[] = [
    { kind: 'source' },
    { kind: 'proxy' },
    { kind: 'poster' },
    { kind: 'thumb', index: 0 },
    { kind: 'thumb', index: 7 },
    { kind: 'thumb', index: 9999 },
  ];

  it.each(files)('parseMediaPath(mediaPath(id, $kind)) gives back the same video and file', (file) => {
    const path = mediaPath(ID, file);
    expect(parseMediaPath(path)).toEqual({ videoId: ID, file });
    expect(mediaUrl(ID, file)).toBe(MEDIA_PREFIX + path);
  });

  it('names each file kind as the server routes expect', () => {
    expect(mediaPath('abc', { kind: 'source' })).toBe('abc/source');
    expect(mediaPath('abc', { kind: 'proxy' })).toBe('abc/proxy.mp4');
    expect(mediaPath('abc', { kind: 'poster' })).toBe('abc/poster.jpg');
    expect(mediaPath('abc', { kind: 'thumb', index: 12 })).toBe('abc/thumbs/12.jpg');
  });

  it('accepts ids of up to 64 letters, digits, "-" and "_"', () => {
    const id = 'A_b-9'.repeat(12) + 'abcd';
    expect(id).toHaveLength(64);
    expect(parseMediaPath(`${id}/source`)).toEqual({ videoId: id, file: { kind: 'source' } });
  });

  it.each([
    '',
    '/',
    'source',
    '../x',
    '..',
    '../source',
    'id/../../etc/passwd',
    'id/../source',
    '../../etc/passwd',
    '/etc/passwd',
    `/${ID}/source`,
    `${ID}/source/`,
    `${ID}//source`,
    `${ID}/./source`,
    `${ID}/source/../../x`,
    `${ID}%2Fsource`,
    `..%2F..%2Fetc%2Fpasswd`,
    `%2e%2e/%2e%2e/etc/passwd`,
    `${ID}/%2e%2e/source`,
    `${ID}\\source`,
    `..\\..\\windows\\win.ini`,
    `${ID}/source\0`,
    `${ID}/source\n`,
    `${ID}/source?x=1`,
    `a.b/source`,
    `a/b/source`,
    `./source`,
    `a b/source`,
    `ü/source`,
    'x'.repeat(65) + '/source',
    `${ID}/thumbs/10000.jpg`,
    `${ID}/thumbs/00001.jpg`,
    `${ID}/thumbs/-1.jpg`,
    `${ID}/thumbs/1.5.jpg`,
    `${ID}/thumbs/.jpg`,
    `${ID}/thumbs/1.png`,
    `${ID}/thumbs/1`,
    `${ID}/proxy`,
    `${ID}/poster.png`,
    `${ID}/POSTER.JPG`,
    `${ID}/source.mp4`,
    `${ID}/junk`,
  ])('rejects %j', (path) => {
    expect(parseMediaPath(path)).toBeNull();
  });
});

describe('httpStatusOf', () => {
  const expected: Record<ErrorCode, number> = {
    invalid_request: 400,
    unknown_method: 400,
    unauthenticated: 401,
    forbidden: 403,
    not_found: 404,
    conflict: 409,
    duplicate: 409,
    media_error: 422,
    unsupported: 422,
    cancelled: 422,
    internal: 500,
  };

  it('has an expectation for every error code of the contract', () => {
    expect(Object.keys(expected).sort()).toEqual([...errorCodeSchema.options].sort());
  });

  it.each(errorCodeSchema.options)('maps %s to an HTTP error status', (code) => {
    const status = httpStatusOf(code);
    expect(status).toBe(expected[code]);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
  });
});

describe('method names and channels', () => {
  it('lists every method of the contract once', () => {
    expect(methodNames).toEqual(Object.keys(methods));
    expect(new Set(methodNames).size).toBe(methodNames.length);
    expect(methodNames.length).toBeGreaterThan(0);
  });

  it('gives every method its own IPC channel, distinct from the event and picker channels', () => {
    const channels = methodNames.map(ipcChannel);
    expect(new Set(channels).size).toBe(methodNames.length);
    for (const [i, channel] of channels.entries()) {
      expect(channel).toBe(IPC_PREFIX + methodNames[i]);
      expect(channel).not.toBe(IPC_EVENT_CHANNEL);
      expect(channel).not.toBe(IPC_PICK_VIDEOS_CHANNEL);
    }
  });

  it('gives every method its own HTTP path under the API prefix, with nothing a URL would change', () => {
    const paths = methodNames.map(httpMethodPath);
    expect(new Set(paths).size).toBe(methodNames.length);
    for (const [i, path] of paths.entries()) {
      expect(path).toBe(HTTP_API_PREFIX + methodNames[i]);
      expect(new URL(path, 'http://127.0.0.1/').pathname).toBe(path);
    }
  });

  it('names methods as "area.verb"', () => {
    for (const name of methodNames) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });
});
