import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../../electron/engine/engine';
import { importVideo } from '../../../../electron/engine/import/importVideo';
import { ownerAlive, reconcileProject } from '../../../../electron/engine/project/reconcile';
import { dataPath } from '../../../support/data';
import { countRows, useTestContext } from '../../../support/engineContext';
import { entriesUnder, filesUnder } from '../../../support/files';
import { tempDir } from '../../../support/tempProject';

/** The name a process that has exited gave its staging folder. */
function deadOwner(): string {
  const { pid } = spawnSync(process.execPath, ['-e', '0']);
  expect(pid).toBeGreaterThan(0);
  return `${pid}-deadbeef`;
}

describe('ownerAlive', () => {
  it('knows this process, and not one that has exited', () => {
    expect(ownerAlive(`${process.pid}-abcdef12`)).toBe(true);
    expect(ownerAlive(deadOwner())).toBe(false);
  });

  it('treats a folder name that names no process as dead', () => {
    expect(ownerAlive('leftovers')).toBe(false);
    expect(ownerAlive('0-abc')).toBe(false);
    expect(ownerAlive('-5-abc')).toBe(false);
  });
});

describe('reconcileProject finishes or undoes what a crashed process left', () => {
  const t = useTestContext();

  it('removes the staged files of an import that never committed its row', async () => {
    const dead = deadOwner();
    const staged = join(t.ctx.layout.staging, dead, 'video-1234abcd', 'derived');
    mkdirSync(staged, { recursive: true });
    writeFileSync(join(staged, 'poster.jpg'), 'half a jpeg');
    mkdirSync(join(t.ctx.layout.staging, dead, 'job-5678', 'thumbs'), { recursive: true });
    writeFileSync(join(t.ctx.layout.staging, dead, 'job-5678', 'thumbs', '0.jpg'), 'x');

    const r = await reconcileProject(t.ctx.db, t.ctx.layout);
    expect(r.finished).toEqual([]);
    expect(r.removed.sort()).toEqual([
      join(t.ctx.layout.staging, dead, 'job-5678'),
      join(t.ctx.layout.staging, dead, 'video-1234abcd'),
    ]);
    expect(existsSync(join(t.ctx.layout.staging, dead))).toBe(false);
    expect(filesUnder(t.ctx.layout.staging)).toEqual([]);
    expect(entriesUnder(t.ctx.layout.derived)).toEqual([]);
    expect(countRows(t.ctx, 'videos')).toBe(0);
  });

  it('moves into place the files of an import whose row was committed', async () => {
    const outcome = await importVideo(t.ctx, t.jobs, dataPath('tricky', 'one_frame.mp4'));
    if (outcome.kind !== 'imported') throw new Error('not imported');
    const id = outcome.video.id;
    const poster = join(t.ctx.layout.derived, id, 'poster.jpg');
    const bytes = readFileSync(poster);
    // The crash came after the commit and before the rename out of staging.
    const dead = deadOwner();
    const stage = join(t.ctx.layout.staging, dead, `video-${id}`);
    mkdirSync(stage, { recursive: true });
    renameSync(join(t.ctx.layout.derived, id), join(stage, 'derived'));
    expect(existsSync(poster)).toBe(false);

    const r = await reconcileProject(t.ctx.db, t.ctx.layout);
    expect(r.finished).toEqual([join(t.ctx.layout.derived, id)]);
    expect(readFileSync(poster)).toEqual(bytes);
    expect(existsSync(join(t.ctx.layout.staging, dead))).toBe(false);
    expect(countRows(t.ctx, 'videos')).toBe(1);
  });

  it('moves an adopted upload committed before the crash into media/<id>', async () => {
    const upload = join(t.dir, 'upload.bin');
    copyFileSync(dataPath('tricky', 'one_frame.mp4'), upload);
    const outcome = await importVideo(t.ctx, t.jobs, upload, { adopt: { name: 'phone clip.mp4' } });
    if (outcome.kind !== 'imported') throw new Error('not imported');
    const id = outcome.video.id;
    expect(outcome.video.sourcePath).toBe(join(t.ctx.layout.media, id, 'source.mp4'));
    const dead = deadOwner();
    const stage = join(t.ctx.layout.staging, dead, `video-${id}`);
    mkdirSync(stage, { recursive: true });
    renameSync(join(t.ctx.layout.derived, id), join(stage, 'derived'));
    renameSync(join(t.ctx.layout.media, id), join(stage, 'media'));

    const r = await reconcileProject(t.ctx.db, t.ctx.layout);
    expect(r.finished.sort()).toEqual([join(t.ctx.layout.derived, id), join(t.ctx.layout.media, id)].sort());
    expect(filesUnder(t.ctx.layout.media)).toEqual([join(id, 'source.mp4')]);
    expect(filesUnder(t.ctx.layout.derived)).toEqual([join(id, 'poster.jpg')]);
    expect(filesUnder(t.ctx.layout.staging)).toEqual([]);
  });

  it('leaves the staging folder of a process that still runs alone', async () => {
    const live = join(t.ctx.layout.staging, `${process.pid}-cafebabe`, 'video-99', 'derived');
    mkdirSync(live, { recursive: true });
    writeFileSync(join(live, 'poster.jpg'), 'in progress');
    await reconcileProject(t.ctx.db, t.ctx.layout);
    expect(readFileSync(join(live, 'poster.jpg'), 'utf8')).toBe('in progress');
    // The decision is the injected one's.
    await reconcileProject(t.ctx.db, t.ctx.layout, () => false);
    expect(existsSync(live)).toBe(false);
  });

  it('spares the placed folders of an import still running in another process, until that process is gone', async () => {
    // The import has moved its files into place and is about to write its row.
    const live = `${process.pid}-cafebabe`;
    mkdirSync(join(t.ctx.layout.staging, live, 'video-77'), { recursive: true });
    for (const [root, file] of [
      [t.ctx.layout.derived, 'poster.jpg'],
      [t.ctx.layout.media, 'source.mp4'],
    ] as const) {
      mkdirSync(join(root, '77'), { recursive: true });
      writeFileSync(join(root, '77', file), 'placed');
    }
    const r = await reconcileProject(t.ctx.db, t.ctx.layout);
    expect(r.removed).toEqual([]);
    expect(filesUnder(t.ctx.layout.media)).toEqual([join('77', 'source.mp4')]);
    expect(filesUnder(t.ctx.layout.derived)).toEqual([join('77', 'poster.jpg')]);
    // Its process died before the row was written: nothing of it stays.
    const after = await reconcileProject(t.ctx.db, t.ctx.layout, () => false);
    expect(after.removed.sort()).toEqual(
      [
        join(t.ctx.layout.staging, live, 'video-77'),
        join(t.ctx.layout.derived, '77'),
        join(t.ctx.layout.media, '77'),
      ].sort(),
    );
    expect(entriesUnder(t.ctx.layout.media)).toEqual([]);
    expect(entriesUnder(t.ctx.layout.derived)).toEqual([]);
  });

  it('deletes derived and media folders of videos that no longer exist, keeping those that do', async () => {
    const outcome = await importVideo(t.ctx, t.jobs, dataPath('tricky', 'one_frame.mp4'));
    if (outcome.kind !== 'imported') throw new Error('not imported');
    for (const root of [t.ctx.layout.derived, t.ctx.layout.media]) {
      mkdirSync(join(root, 'gone-video'), { recursive: true });
      writeFileSync(join(root, 'gone-video', 'proxy.mp4'), 'x');
    }
    const r = await reconcileProject(t.ctx.db, t.ctx.layout);
    expect(r.removed.sort()).toEqual(
      [join(t.ctx.layout.derived, 'gone-video'), join(t.ctx.layout.media, 'gone-video')].sort(),
    );
    expect(entriesUnder(t.ctx.layout.media)).toEqual([]);
    expect(filesUnder(t.ctx.layout.derived)).toEqual([join(outcome.video.id, 'poster.jpg')]);
  });
});

describe('opening a project after a crash', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('reconciles before anything else: committed imports finished, the rest removed', async () => {
    const projectDir = join(dir.dir, 'project');
    const first = await createEngine({ projectDir, runJobs: false });
    const r = await first.call('videos.import', { paths: [dataPath('tricky', 'one_frame.mp4')] });
    const id = r.ok ? r.value.imported[0]?.id : undefined;
    if (!id) throw new Error('not imported');
    await first.close();

    const dead = deadOwner();
    const stagingOfDead = join(first.layout.staging, dead);
    mkdirSync(join(stagingOfDead, `video-${id}`), { recursive: true });
    renameSync(join(first.layout.derived, id), join(stagingOfDead, `video-${id}`, 'derived'));
    mkdirSync(join(stagingOfDead, 'video-never-committed', 'derived'), { recursive: true });
    writeFileSync(join(stagingOfDead, 'video-never-committed', 'derived', 'poster.jpg'), 'x');
    mkdirSync(join(stagingOfDead, 'upload-1'), { recursive: true });
    writeFileSync(join(stagingOfDead, 'upload-1', 'upload.bin'), 'half an upload');

    const second = await createEngine({ projectDir, runJobs: false });
    try {
      expect(filesUnder(second.layout.derived)).toEqual([join(id, 'poster.jpg')]);
      expect(filesUnder(second.layout.staging)).toEqual([]);
      expect(existsSync(stagingOfDead)).toBe(false);
      expect(second.mediaFile(id, { kind: 'poster' })?.path).toBe(
        join(second.layout.derived, id, 'poster.jpg'),
      );
    } finally {
      await second.close();
    }
  });
});
