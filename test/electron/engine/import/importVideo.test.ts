import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult } from '../../../../shared/contract/api';
import type { Video } from '../../../../shared/domain/video';
import { AmeliaError } from '../../../../shared/contract/envelope';
import type { Engine } from '../../../../electron/engine/engine';
import { createEngine } from '../../../../electron/engine/engine';
import { POSTER_FILE, importVideo } from '../../../../electron/engine/import/importVideo';
import { resolveMediaBinaries } from '../../../../electron/engine/media/binaries';
import type { ProjectLayout } from '../../../../electron/engine/project/layout';
import { derivedDir } from '../../../../electron/engine/project/layout';
import { getVideo } from '../../../../electron/engine/store/videoRows';
import { dataPath } from '../../../support/data';
import { countRows, useTestContext } from '../../../support/engineContext';
import { entriesUnder, filesUnder, sha256 } from '../../../support/files';
import { decodedFramePixels, grayPixels, pictureDistance } from '../../../support/media';
import { tempDir } from '../../../support/tempProject';
import { useTempEngine } from '../../../support/tempEngine';

async function importPaths(engine: Engine, ...paths: string[]): Promise<ImportResult> {
  const r = await engine.call('videos.import', { paths });
  if (!r.ok) throw new Error(`videos.import failed: ${r.error.message}`);
  return r.value;
}

async function videos(engine: Engine): Promise<Video[]> {
  const r = await engine.call('videos.list', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

async function jobCount(engine: Engine): Promise<number> {
  const r = await engine.call('jobs.list', {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value.length;
}

/** Nothing was written: no file anywhere under derived/, media/ or staging/, and no folder but the live staging one. */
function expectNoFiles(layout: ProjectLayout): void {
  expect(filesUnder(layout.derived)).toEqual([]);
  expect(filesUnder(layout.media)).toEqual([]);
  expect(filesUnder(layout.staging)).toEqual([]);
  expect(entriesUnder(layout.derived)).toEqual([]);
  expect(entriesUnder(layout.media)).toEqual([]);
  expect(entriesUnder(layout.staging).length).toBeLessThanOrEqual(1);
}

describe('videos.import refuses broken files with a clear message and leaves the project unchanged', () => {
  const t = useTempEngine();

  it.each([
    ['zero_bytes.mp4', /the file is empty \(0 bytes\)/],
    ['text_named.mp4', /truncated|damaged|not a video/],
    ['random_bytes.mp4', /truncated|damaged|not a video/],
    ['truncated_head.mp4', /truncated|damaged/],
    ['moov_damaged.mp4', /truncated|damaged/],
    ['audio_only.m4a', /no video track \(only audio\)/],
  ])('%s', async (name, reason) => {
    const path = dataPath('tricky', name);
    const result = await importPaths(t.engine, path);
    expect(result.imported).toEqual([]);
    expect(result.duplicates).toEqual([]);
    expect(result.failed).toHaveLength(1);
    const [failure] = result.failed;
    expect(failure?.path).toBe(path);
    expect(failure?.code).toBe('media_error');
    expect(failure?.message).toMatch(reason);
    expect(failure?.message).toContain(name);
    expect(await videos(t.engine)).toEqual([]);
    expect(await jobCount(t.engine)).toBe(0);
    expectNoFiles(t.engine.layout);
  });

  it('reports a missing file as not_found', async () => {
    const path = dataPath('tricky', 'no_such_clip.mp4');
    const result = await importPaths(t.engine, path);
    expect(result.failed).toEqual([{ path, code: 'not_found', message: `No such file: ${path}` }]);
    expect(await videos(t.engine)).toEqual([]);
  });

  it('refuses a folder', async () => {
    const path = dataPath('tricky');
    const result = await importPaths(t.engine, path);
    expect(result.failed).toEqual([
      { path, code: 'invalid_request', message: `${path} is a folder, not a video file.` },
    ]);
    expect(await videos(t.engine)).toEqual([]);
    expectNoFiles(t.engine.layout);
  });

  it('imports the good files of a batch and refuses the bad ones', async () => {
    const result = await importPaths(
      t.engine,
      dataPath('tricky', 'zero_bytes.mp4'),
      dataPath('tricky', 'one_frame.mp4'),
    );
    expect(result.imported.map((v) => v.name)).toEqual(['one_frame.mp4']);
    expect(result.failed.map((f) => basename(f.path))).toEqual(['zero_bytes.mp4']);
    expect((await videos(t.engine)).map((v) => v.name)).toEqual(['one_frame.mp4']);
  });
});

describe('videos.import of a good file', () => {
  const t = useTempEngine();

  it('records what it probed, queues its jobs, and makes a poster of exactly its poster frame', async () => {
    const clip = dataPath('tricky', 'frame_numbers_25fps.mp4');
    const result = await importPaths(t.engine, clip);
    const [video] = result.imported;
    if (!video) throw new Error('not imported');
    expect(video).toMatchObject({
      name: 'frame_numbers_25fps.mp4',
      sourcePath: clip,
      contentHash: sha256(clip),
      frameCount: 100,
      fps: 25,
      variableFrameRate: false,
      width: 320,
      height: 240,
      posterFrame: 10,
      proxyState: 'not-needed',
      thumbnailFrames: [],
      warnings: [],
    });
    const jobs = await t.engine.call('jobs.list', {});
    expect(jobs.ok && jobs.value.map((j) => [j.kind, j.state, j.videoId])).toEqual([
      ['thumbnails', 'queued', video.id],
    ]);
    const poster = await grayPixels(['-i', join(t.engine.layout.derived, video.id, 'poster.jpg')]);
    const distances = await Promise.all(
      [9, 10, 11].map(async (f) => pictureDistance(poster, await decodedFramePixels(clip, f))),
    );
    expect(distances.indexOf(Math.min(...distances))).toBe(1);
  });
});

describe('videos.import of damaged files that still decode', () => {
  const t = useTempEngine();

  it('imports truncated_tail.mp4 with the frames that decode, and says how many are missing', async () => {
    const result = await importPaths(t.engine, dataPath('tricky', 'truncated_tail.mp4'));
    expect(result.failed).toEqual([]);
    const [video] = result.imported;
    expect(video?.frameCount).toBe(69);
    expect(video?.warnings.join('\n')).toContain(
      'Only 69 of the 142 frames its header lists could be decoded',
    );
  });

  it('imports mdat_corrupted.mp4, warning of decoding errors and missing frames', async () => {
    const result = await importPaths(t.engine, dataPath('tricky', 'mdat_corrupted.mp4'));
    expect(result.failed).toEqual([]);
    const [video] = result.imported;
    expect(video?.frameCount).toBe(78);
    const text = video?.warnings.join('\n') ?? '';
    expect(text).toContain('Only 78 of the 142 frames');
    expect(text).toMatch(/ffmpeg reported \d+ decoding errors/);
  });
});

describe('videos.import of the same content twice', () => {
  const t = useTempEngine();

  it('reports the second as a duplicate of the first, in one call or in two, whatever its name', async () => {
    const clip = dataPath('mmskeleton', 'ta_chi.mp4');
    const first = await importPaths(t.engine, clip, clip);
    expect(first.imported).toHaveLength(1);
    const id = first.imported[0]?.id;
    expect(first.duplicates).toEqual([{ path: clip, videoId: id }]);

    const copy = join(t.dir, 'renamed copy.mp4');
    copyFileSync(clip, copy);
    const second = await importPaths(t.engine, clip, copy);
    expect(second.imported).toEqual([]);
    expect(second.duplicates).toEqual([
      { path: clip, videoId: id },
      { path: copy, videoId: id },
    ]);
    expect((await videos(t.engine)).map((v) => v.id)).toEqual([id]);
    // One set of jobs (a thumbnail strip; ta_chi plays as it is, so no proxy).
    expect(await jobCount(t.engine)).toBe(1);
    expect(entriesUnder(t.engine.layout.derived)).toEqual([id, join(id as string, 'poster.jpg')]);
  });

  it('knows the hostile-named file as a copy of one_frame.mp4', async () => {
    const result = await importPaths(
      t.engine,
      dataPath('tricky', 'one_frame.mp4'),
      dataPath('tricky', 'weird name $(touch pwned) ü;.mp4'),
    );
    expect(result.imported.map((v) => v.name)).toEqual(['one_frame.mp4']);
    expect(result.duplicates).toEqual([
      { path: dataPath('tricky', 'weird name $(touch pwned) ü;.mp4'), videoId: result.imported[0]?.id },
    ]);
  });
});

describe('a file name with shell metacharacters is only a name', () => {
  const t = useTempEngine({ runJobs: true, nested: true });

  it('imports it, makes its thumbnails, and nothing named "pwned" appears', async () => {
    const name = 'weird name $(touch pwned) ü;.mp4';
    const result = await importPaths(t.engine, dataPath('tricky', name));
    expect(result.failed).toEqual([]);
    const [video] = result.imported;
    expect(video?.name).toBe(name);
    expect(video?.sourcePath).toBe(dataPath('tricky', name));
    expect(video?.frameCount).toBe(1);
    await t.engine.jobs.whenIdle();
    const after = await t.engine.call('videos.get', { videoId: video?.id });
    expect(after.ok && after.value.thumbnailFrames).toEqual([0]);
    for (const place of [process.cwd(), t.dir, dataPath('tricky'), tmpdir()]) {
      expect(
        entriesUnder(place).filter((p) => basename(p) === 'pwned'),
        place,
      ).toEqual([]);
    }
    expect(existsSync('pwned')).toBe(false);
  });
});

describe('an interrupted import leaves no row and no file', () => {
  const t = useTestContext();

  function expectUntouched(): void {
    expect(countRows(t.ctx, 'videos')).toBe(0);
    expect(countRows(t.ctx, 'jobs')).toBe(0);
    expectNoFiles(t.ctx.layout);
    expect(t.events).toEqual([]);
  }

  async function expectCancelled(p: Promise<unknown>): Promise<void> {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AmeliaError);
    expect((err as AmeliaError).code).toBe('cancelled');
  }

  /** An upload of `name` from the data folder, received into a temporary copy the import takes over. */
  function upload(name: string): string {
    const copy = join(t.dir, 'upload.bin');
    copyFileSync(dataPath('tricky', name), copy);
    return copy;
  }

  it('moves its files into place before its row and jobs appear, so no job can find its file missing', async () => {
    // A job runner (of this process or another) may start as soon as the job is committed.
    const seen: string[] = [];
    const enqueue = t.jobs.enqueue.bind(t.jobs);
    t.jobs.enqueue = (job) => {
      const video = getVideo(t.ctx.db, job.videoId ?? '');
      if (!video) throw new Error('the job came before its video');
      const poster = join(derivedDir(t.ctx.layout, video.id), POSTER_FILE);
      seen.push(`${job.kind}: source ${existsSync(video.sourcePath)}, poster ${existsSync(poster)}`);
      return enqueue(job);
    };
    const outcome = await importVideo(t.ctx, t.jobs, upload('one_frame.mp4'), {
      adopt: { name: 'clip.mp4' },
    });
    expect(outcome.kind).toBe('imported');
    expect(seen).toEqual(['thumbnails: source true, poster true']);
  });

  it('removes the files it placed when its row cannot be written, and the upload with them', async () => {
    const copy = upload('one_frame.mp4');
    t.jobs.enqueue = () => {
      throw new Error('database or disk is full');
    };
    await expect(importVideo(t.ctx, t.jobs, copy, { adopt: { name: 'clip.mp4' } })).rejects.toThrow(
      'database or disk is full',
    );
    expect(existsSync(copy)).toBe(false);
    expectUntouched();
  });

  it('stops before anything when the signal has already aborted', async () => {
    await expectCancelled(
      importVideo(t.ctx, t.jobs, dataPath('tricky', 'one_frame.mp4'), { signal: AbortSignal.abort() }),
    );
    expectUntouched();
  });

  it('stops after hashing and probing, once its staging folder is made', async () => {
    const controller = new AbortController();
    const newId = t.ctx.newId;
    t.ctx.newId = () => {
      controller.abort();
      return newId();
    };
    await expectCancelled(
      importVideo(t.ctx, t.jobs, dataPath('ntu-falling', 'S001C001P001R001A043_rgb.avi'), {
        signal: controller.signal,
      }),
    );
    expectUntouched();
  });

  it('stops while ffmpeg is writing the poster, killing it and removing what it staged', async () => {
    const fake = slowFfmpeg(t.dir);
    t.ctx.binaries = { ...t.ctx.binaries, ffmpeg: { ...t.ctx.binaries.ffmpeg, path: fake.path } };
    const controller = new AbortController();
    const pending = importVideo(t.ctx, t.jobs, dataPath('tricky', 'frame_numbers_25fps.mp4'), {
      signal: controller.signal,
    });
    const pid = await fake.started();
    expect(filesUnder(t.ctx.staging)).toEqual([
      expect.stringMatching(/^video-[0-9a-f-]+\/derived\/poster\.jpg$/),
    ]);
    controller.abort();
    await expectCancelled(pending);
    expect(isRunning(pid)).toBe(false);
    expectUntouched();
  });
});

describe('an interrupted upload leaves no row, no copy and no staged file', () => {
  const dir = tempDir();
  let engine: Engine;
  let fake: SlowFfmpeg;
  beforeAll(async () => {
    fake = slowFfmpeg(dir.dir);
    const real = await resolveMediaBinaries();
    engine = await createEngine({
      projectDir: join(dir.dir, 'project'),
      runJobs: false,
      binaries: { ...real, ffmpeg: { ...real.ffmpeg, path: fake.path } },
    });
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  it('is refused as cancelled, and the upload is deleted', async () => {
    const uploads = await engine.uploadDir();
    const upload = join(uploads, 'upload.bin');
    copyFileSync(dataPath('tricky', 'one_frame.mp4'), upload);
    const controller = new AbortController();
    const pending = engine.importUpload(upload, 'my clip.mp4', controller.signal);
    await fake.started();
    controller.abort();
    const result = await pending;
    expect(result.imported).toEqual([]);
    expect(result.failed).toEqual([{ path: 'my clip.mp4', code: 'cancelled', message: 'cancelled' }]);
    expect(existsSync(upload)).toBe(false);
    expect(await videos(engine)).toEqual([]);
    expect(await jobCount(engine)).toBe(0);
    expect(filesUnder(engine.layout.staging)).toEqual([]);
    expect(entriesUnder(engine.layout.media)).toEqual([]);
    expect(entriesUnder(engine.layout.derived)).toEqual([]);
  });

  it('is not started when the signal has already aborted', async () => {
    const upload = join(await engine.uploadDir(), 'upload.bin');
    copyFileSync(dataPath('tricky', 'one_frame.mp4'), upload);
    const result = await engine.importUpload(upload, 'clip.mp4', AbortSignal.abort());
    expect(result.failed).toEqual([
      { path: 'clip.mp4', code: 'cancelled', message: 'cancelled before it started' },
    ]);
    expect(existsSync(upload)).toBe(false);
    expect(await videos(engine)).toEqual([]);
  });
});

interface SlowFfmpeg {
  path: string;
  /** Resolves, with its process id, once the fake has written its partial output and hangs. */
  started(): Promise<number>;
}

/** An "ffmpeg" that writes half a file where it was asked to, then hangs until it is killed. */
function slowFfmpeg(dir: string): SlowFfmpeg {
  const path = join(dir, 'slow-ffmpeg');
  const pidFile = join(dir, 'slow-ffmpeg.pid');
  writeFileSync(
    path,
    `#!/bin/sh\nfor a in "$@"; do last="$a"; done\nprintf partial > "\${last#file:}"\necho $$ > '${pidFile}.tmp'\nmv '${pidFile}.tmp' '${pidFile}'\nexec sleep 60\n`,
  );
  chmodSync(path, 0o755);
  return {
    path,
    async started() {
      await waitFor(() => (existsSync(pidFile) ? true : null));
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      rmSync(pidFile);
      return pid;
    },
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor<T>(probe: () => T | null, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
