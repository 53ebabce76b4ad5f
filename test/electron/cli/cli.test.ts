import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idSchema } from '../../../shared/domain/ids';
import { dataPath } from '../../support/data';
import { tempDir } from '../../support/tempProject';
import type { Run } from '../../support/cli';
import { runAmelia } from '../../support/cli';

const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin', 'amelia.js');
const BUILT_CLI = join(ROOT, 'out', 'main', 'cli.js');
const TA_CHI = dataPath('mmskeleton', 'ta_chi.mp4');
const MPEG4_MOV = dataPath('tricky', 'mpeg4.mov');
const ZERO_BYTES = dataPath('tricky', 'zero_bytes.mp4');
const COMMANDS = [
  'start',
  'serve',
  'import',
  'videos',
  'import-annotations',
  'export',
  'jobs',
  'poses',
  'actors',
  'tubes',
  'taxonomy',
  'info',
  'users',
  'assign',
  'agreement',
  'audit',
] as const;

/** A project no test names: where a command without --project would write. */
const fallbackProject = tempDir('amelia-cli-default-');
const project = tempDir('amelia-cli-project-');

/** Runs the built CLI as a user would: `node bin/amelia.js ...` in the repository. */
function amelia(...args: string[]): Promise<Run> {
  return runAmelia(args, { fallbackProject: fallbackProject.dir });
}

function json<T>(text: string): T {
  return JSON.parse(text) as T;
}

interface ProbedStream {
  width: number;
  height: number;
  r_frame_rate: string;
  duration: string;
  nb_read_frames: string;
}

function ffprobe(ffprobePath: string, file: string): ProbedStream {
  const out = execFileSync(
    ffprobePath,
    [
      '-v',
      'error',
      '-select_streams',
      'v:0',
      '-count_frames',
      '-show_entries',
      'stream=width,height,r_frame_rate,duration,nb_read_frames',
      '-of',
      'json',
      file,
    ],
    { encoding: 'utf8' },
  );
  const stream = json<{ streams: ProbedStream[] }>(out).streams[0];
  if (!stream) throw new Error(`ffprobe found no video stream in ${file}`);
  return stream;
}

function rate(text: string): number {
  const [num, den] = text.split('/').map(Number);
  return (num as number) / (den ?? 1);
}

beforeAll(() => {
  // `npm test` builds first; build here only where that was skipped.
  if (!existsSync(BUILT_CLI))
    execFileSync('npx', ['electron-vite', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 600_000 });
}, 600_000);

afterAll(() => {
  project.remove();
  fallbackProject.remove();
});

describe('help and usage errors', () => {
  it.each(COMMANDS)('%s --help prints its usage on stdout and exits 0', async (name) => {
    const run = await amelia(name, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: amelia ${name}`);
    expect(run.stdout).toContain('--project');
    expect(run.stderr).toBe('');
  });

  it.each(COMMANDS)('%s -h is --help', async (name) => {
    const run = await amelia(name, '-h');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: amelia ${name}`);
  });

  it('--help lists every command and exits 0', async () => {
    const run = await amelia('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: amelia COMMAND');
    for (const name of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it('no command at all prints the help and exits 2', async () => {
    const run = await amelia();
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Usage: amelia COMMAND');
  });

  it('--version prints the version', async () => {
    const run = await amelia('--version');
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown command exits 2 with a message on stderr', async () => {
    const run = await amelia('frobnicate');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stdout).toBe('');
  });

  it.each([
    ['videos', '--bogus'],
    ['info', '--frobnicate=1'],
    ['jobs', '-z'],
    ['import', '--no-such-option', TA_CHI],
    ['serve', '--port', 'abc'],
    ['serve', '--port', '70000'],
    ['start', '--port', '-1'],
    ['videos', 'extra-argument'],
  ])('%s %s exits 2 with a message and the usage on stderr', async (...args) => {
    const run = await amelia(...args, '--project', project.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^amelia ${args[0]}: \\S`));
    expect(run.stderr).toContain(`Usage: amelia ${args[0]}`);
    expect(run.stdout).toBe('');
  });

  it('import without files exits 2', async () => {
    const run = await amelia('import', '--project', project.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Name at least one video file');
  });

  it('an unknown jobs action exits 2', async () => {
    const run = await amelia('jobs', 'explode', '--project', project.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown jobs action "explode"');
  });
});

describe('commands on a project', () => {
  interface ImportedJson {
    id: string;
    path: string;
    name: string;
    frameCount: number;
    fps: number;
    width: number;
    height: number;
    durationSec: number;
    proxyState: string;
  }
  interface ImportJson {
    imported: ImportedJson[];
    duplicates: { path: string; videoId: string }[];
    failed: { path: string; code: string; message: string }[];
    jobs: { id: string; state: string; videoId: string | null }[];
  }
  interface InfoJson {
    appVersion: string;
    project: { dir: string };
    ffmpeg: { path: string; version: string; source: string };
    ffprobe: { path: string; version: string; source: string };
  }

  let info: InfoJson;
  let imported: ImportJson;

  beforeAll(async () => {
    const run = await amelia('info', '--json', '--project', project.dir);
    expect(run.code).toBe(0);
    info = json<InfoJson>(run.stdout);
  });

  it('info --json names the project and where ffmpeg and ffprobe come from', () => {
    expect(info.project.dir).toBe(project.dir);
    for (const binary of [info.ffmpeg, info.ffprobe]) {
      expect(existsSync(binary.path)).toBe(true);
      expect(binary.version.length).toBeGreaterThan(0);
      expect(binary.source.length).toBeGreaterThan(0);
    }
  });

  it('info without --json prints the same for people', async () => {
    const run = await amelia('info', '--project', project.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(info.ffmpeg.path);
    expect(run.stdout).toContain(info.ffprobe.version);
    expect(run.stdout).toContain(project.dir);
  });

  it('import --json prints one JSON document whose videos match ffprobe, and waits for the proxy', async () => {
    const run = await amelia('import', '--json', '--project', project.dir, TA_CHI, MPEG4_MOV);
    expect(run.code, run.stderr).toBe(0);
    // The whole of stdout is the one document.
    imported = json<ImportJson>(run.stdout);
    expect(imported.failed).toEqual([]);
    expect(imported.duplicates).toEqual([]);
    expect(imported.imported.map((v) => v.path)).toEqual([TA_CHI, MPEG4_MOV]);

    for (const v of imported.imported) {
      expect(idSchema.safeParse(v.id).success).toBe(true);
      const probed = ffprobe(info.ffprobe.path, v.path);
      const fps = rate(probed.r_frame_rate);
      expect(v.frameCount).toBe(Number(probed.nb_read_frames));
      expect(v.width).toBe(probed.width);
      expect(v.height).toBe(probed.height);
      expect(v.fps).toBeCloseTo(fps, 3);
      expect(Math.abs(v.durationSec - Number(probed.duration))).toBeLessThan(1 / fps);
    }

    const [taChi, mov] = imported.imported as [ImportedJson, ImportedJson];
    expect(taChi).toMatchObject({
      name: 'ta_chi.mp4',
      frameCount: 300,
      width: 340,
      height: 256,
      proxyState: 'not-needed',
    });
    expect(mov).toMatchObject({
      name: 'mpeg4.mov',
      frameCount: 36,
      width: 640,
      height: 480,
      fps: 18,
      proxyState: 'ready',
    });
    expect(imported.jobs.length).toBeGreaterThanOrEqual(3);
    for (const job of imported.jobs) expect(job.state).toBe('done');
  });

  it('import of the same files again reports duplicates', async () => {
    const run = await amelia('import', '--json', '--project', project.dir, TA_CHI);
    expect(run.code).toBe(0);
    const again = json<ImportJson>(run.stdout);
    expect(again.imported).toEqual([]);
    expect(again.duplicates).toEqual([{ path: TA_CHI, videoId: imported.imported[0]?.id }]);
  });

  it('videos --json lists the imported videos', async () => {
    const run = await amelia('videos', '--json', '--project', project.dir);
    expect(run.code).toBe(0);
    const videos = json<{ id: string; frameCount: number; proxyState: string; sourcePath: string }[]>(
      run.stdout,
    );
    expect(videos.map((v) => v.id).sort()).toEqual(imported.imported.map((v) => v.id).sort());
    expect(videos.find((v) => v.sourcePath === MPEG4_MOV)?.proxyState).toBe('ready');
  });

  it('videos without --json prints a table', async () => {
    const run = await amelia('videos', '--project', project.dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ta_chi.mp4');
    expect(run.stdout).toContain('340×256');
  });

  it('jobs --json lists the finished jobs', async () => {
    const run = await amelia('jobs', '--json', '--project', project.dir);
    expect(run.code).toBe(0);
    const jobs = json<{ id: string; state: string; kind: string }[]>(run.stdout);
    expect(jobs.map((j) => j.id).sort()).toEqual(imported.jobs.map((j) => j.id).sort());
    expect(jobs.filter((j) => j.kind === 'proxy')).toHaveLength(1);
  });

  it('jobs cancel of an unknown job exits 1 with a message', async () => {
    const run = await amelia('jobs', 'cancel', 'no-such-job', '--project', project.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^amelia jobs: /);
  });

  it('import --json of an empty file exits 1, says why on stderr and lists it under failed', async () => {
    const run = await amelia('import', '--json', '--project', project.dir, ZERO_BYTES);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(ZERO_BYTES);
    expect(run.stderr).toMatch(/empty/);
    const result = json<ImportJson>(run.stdout);
    expect(result.imported).toEqual([]);
    expect(result.failed).toEqual([
      { path: ZERO_BYTES, code: 'media_error', message: expect.stringContaining('empty') },
    ]);
  });

  it('import of an empty file without --json exits 1 and says why on stderr', async () => {
    const run = await amelia('import', '--project', project.dir, ZERO_BYTES);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`amelia import: Cannot import ${ZERO_BYTES}`);
  });

  it('import of a missing file exits 1 and names it', async () => {
    const missing = join(project.dir, 'no-such-clip.mp4');
    const run = await amelia('import', '--json', '--project', project.dir, missing);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(missing);
    expect(json<ImportJson>(run.stdout).failed).toMatchObject([{ path: missing, code: 'not_found' }]);
  });

  it('leaves the project as it was after failed imports', async () => {
    const run = await amelia('videos', '--json', '--project', project.dir);
    expect(json<unknown[]>(run.stdout)).toHaveLength(2);
  });

  it('videos and jobs --json on a new project print empty lists', async () => {
    const fresh = tempDir('amelia-cli-fresh-');
    try {
      for (const command of ['videos', 'jobs']) {
        const run = await amelia(command, '--json', '--project', fresh.dir);
        expect(run.code).toBe(0);
        expect(json<unknown[]>(run.stdout)).toEqual([]);
      }
    } finally {
      fresh.remove();
    }
  });
});

describe('start without Electron', () => {
  it('falls back to serving the app, answers the API and stops on SIGTERM', async () => {
    const startProject = tempDir('amelia-cli-start-');
    const env: NodeJS.ProcessEnv = { ...process.env, AMELIA_PROJECT: fallbackProject.dir };
    delete env.AMELIA_NO_ELECTRON;
    const child = spawn(
      process.execPath,
      [BIN, 'start', '--project', startProject.dir, '--port', '0', '--json'],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, signal) => done({ code, signal })),
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    try {
      const doc = await new Promise<{ url: string; project: { dir: string } }>((done, fail) => {
        let stdout = '';
        const timer = setTimeout(
          () => fail(new Error(`no JSON from amelia start; stderr: ${stderr}`)),
          200_000,
        );
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString('utf8');
          try {
            const parsed = JSON.parse(stdout) as { url: string; project: { dir: string } };
            clearTimeout(timer);
            done(parsed);
          } catch {
            // not all of it yet
          }
        });
        child.on('exit', (code) => {
          clearTimeout(timer);
          fail(new Error(`amelia start exited with ${code} before printing its URL; stderr: ${stderr}`));
        });
      });
      expect(doc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(doc.project.dir).toBe(startProject.dir);
      const res = await fetch(`${doc.url}api/system.info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { ok: boolean; value: { project: { dir: string } } };
      expect(body.ok).toBe(true);
      expect(body.value.project.dir).toBe(startProject.dir);

      child.kill('SIGTERM');
      const exit = await exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(stderr).toContain('Stopping');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      startProject.remove();
    }
  }, 300_000);
});
