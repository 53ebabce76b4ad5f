import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../shared/contract/api';
import type { ApiError } from '../../../shared/contract/envelope';
import type { AnyEvent } from '../../../shared/contract/events';
import type { Engine } from '../../../electron/engine/engine';
import { createEngine } from '../../../electron/engine/engine';
import type { RunningServer } from '../../../electron/server/httpServer';
import { startHttpServer } from '../../../electron/server/httpServer';
import { TA_CHI } from '../../support/annotation';
import { tempDir } from '../../support/tempProject';

const project = tempDir('amelia-http-annotation-');
const rendererParent = tempDir('amelia-http-annotation-renderer-');
let engine: Engine;
let server: RunningServer;

type Reply<T> = { status: number; body: { ok: true; value: T } | { ok: false; error: ApiError } };

async function api<T>(method: string, request: unknown): Promise<Reply<T>> {
  const res = await fetch(`${server.url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] };
}

async function value<T>(method: string, request: unknown): Promise<T> {
  const reply = await api<T>(method, request);
  if (!reply.body.ok) throw new Error(`${method}: ${reply.body.error.message}`);
  expect(reply.status).toBe(200);
  return reply.body.value;
}

/** A subscription to the server's events, read as they come. */
async function subscribe() {
  const controller = new AbortController();
  const res = await fetch(`${server.url}events`, { signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const seen: AnyEvent[] = [];
  let text = '';
  let connected = false;
  const readUntil = async (done: () => boolean) => {
    while (!done()) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error('the event stream ended');
      text += decoder.decode(chunk.value, { stream: true });
      const blocks = text.split('\n\n');
      text = blocks.pop() ?? '';
      for (const block of blocks) {
        if (block.startsWith(': connected')) connected = true;
        for (const line of block.split('\n'))
          if (line.startsWith('data: ')) seen.push(JSON.parse(line.slice(6)) as AnyEvent);
      }
    }
  };
  await readUntil(() => connected);
  return {
    seen,
    readUntil,
    close: async () => {
      await reader.cancel();
      controller.abort();
    },
  };
}

beforeAll(async () => {
  const rendererDir = join(rendererParent.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>amelia</title>');
  engine = await createEngine({ projectDir: project.dir, runJobs: false });
  server = await startHttpServer({ engine, rendererDir, port: 0 });
});

afterAll(async () => {
  await server?.close();
  await engine?.close();
  project.remove();
  rendererParent.remove();
});

describe('annotation over HTTP', () => {
  let videoId: string;
  let segment: ResponseOf<'segments.create'>;

  beforeAll(async () => {
    const imported = await value<ResponseOf<'videos.import'>>('videos.import', { paths: [TA_CHI] });
    videoId = imported.imported[0]?.id ?? '';
    const actor = await value<ResponseOf<'actors.create'>>('actors.create', { clientId: 'tab-A', videoId });
    segment = await value<ResponseOf<'segments.create'>>('segments.create', {
      clientId: 'tab-A',
      videoId,
      actorId: actor.id,
      startFrame: 10,
      endFrame: 40,
      labelNodeId: 'walk',
    });
  });

  it('answers the second of two clients editing one segment from the same revision with 409 conflict', async () => {
    const [seenByA] = await value<ResponseOf<'segments.list'>>('segments.list', { videoId });
    const [seenByB] = await value<ResponseOf<'segments.list'>>('segments.list', { videoId });
    expect(seenByA?.revision).toBe(segment.revision);
    const byA = await api<ResponseOf<'segments.update'>>('segments.update', {
      clientId: 'tab-A',
      segmentId: segment.id,
      revision: seenByA?.revision,
      note: 'from A',
    });
    expect(byA.status).toBe(200);
    const byB = await api<ResponseOf<'segments.update'>>('segments.update', {
      clientId: 'tab-B',
      segmentId: segment.id,
      revision: seenByB?.revision,
      note: 'from B',
    });
    expect(byB.status).toBe(409);
    expect(byB.body).toMatchObject({ ok: false, error: { code: 'conflict', where: segment.id } });
    const [now] = await value<ResponseOf<'segments.list'>>('segments.list', { videoId });
    expect(now?.note).toBe('from A');
    // B reloads and applies its change on the new revision.
    const again = await api<ResponseOf<'segments.update'>>('segments.update', {
      clientId: 'tab-B',
      segmentId: segment.id,
      revision: now?.revision,
      note: 'from A, then B',
    });
    expect(again.status).toBe(200);
  });

  it('answers an undo over another client’s change with 409, and a malformed write with 400', async () => {
    const undo = await api<ResponseOf<'edits.undo'>>('edits.undo', { clientId: 'tab-A' });
    expect(undo.status).toBe(409);
    expect(undo.body).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const noClient = await api('segments.update', { segmentId: segment.id, revision: 1, note: 'x' });
    expect(noClient.status).toBe(400);
    expect(noClient.body).toMatchObject({ ok: false, error: { code: 'invalid_request', where: 'clientId' } });
  });

  it('tells every client what changed: data.changed events carry the video and the client that made the change', async () => {
    const events = await subscribe();
    try {
      const [current] = await value<ResponseOf<'segments.list'>>('segments.list', { videoId });
      await value('segments.setKeyframe', {
        clientId: 'tab-B',
        segmentId: segment.id,
        revision: current?.revision,
        keyframe: { frame: 20, x: 1, y: 2, width: 30, height: 40, outside: false },
      });
      const aboutSegment = (e: AnyEvent) =>
        e.name === 'data.changed' && e.payload.entity === 'segment' && e.payload.ids.includes(segment.id);
      const aboutEdit = (e: AnyEvent) => e.name === 'data.changed' && e.payload.entity === 'edit';
      await events.readUntil(() => events.seen.some(aboutSegment) && events.seen.some(aboutEdit));
      expect(events.seen.find(aboutSegment)?.payload).toEqual({
        entity: 'segment',
        ids: [segment.id],
        removed: false,
        videoId,
        clientId: 'tab-B',
      });
      expect(events.seen.find(aboutEdit)?.payload).toMatchObject({ videoId, clientId: 'tab-B' });

      // An undo is announced as its edit was; a taxonomy change belongs to no video.
      await value('edits.undo', { clientId: 'tab-B' });
      await value('taxonomy.updateNode', {
        clientId: 'tab-A',
        nodeId: 'walk',
        example: 'Walks to the door.',
      });
      const aboutTaxonomy = (e: AnyEvent) => e.name === 'data.changed' && e.payload.entity === 'taxonomy';
      await events.readUntil(() => events.seen.some(aboutTaxonomy));
      expect(events.seen.find(aboutTaxonomy)?.payload).toEqual({
        entity: 'taxonomy',
        ids: ['walk'],
        removed: false,
        videoId: null,
        clientId: 'tab-A',
      });
      const undoEvents = events.seen.filter(
        (e) => aboutSegment(e) && e.name === 'data.changed' && e.payload.clientId === 'tab-B',
      );
      expect(undoEvents.length).toBeGreaterThanOrEqual(2);
    } finally {
      await events.close();
    }
  });
});
