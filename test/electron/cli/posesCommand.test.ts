import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shellWord } from '../../../electron/cli/output';
import type { Run } from '../../support/cli';
import { ensureBuilt, runAmelia } from '../../support/cli';
import { dataPath, hasData } from '../../support/data';
import { withFileGone } from '../../support/files';
import { ffmpeg } from '../../support/media';
import { tempDir } from '../../support/tempProject';

const TWO_PEOPLE = dataPath('mmhuman3d', 'multi_person_demo.mp4');
const project = tempDir('amelia-cli-poses-');
const fallbackProject = tempDir('amelia-cli-poses-default-');

function amelia(...args: string[]): Promise<Run> {
  return runAmelia([...args, '--project', project.dir], {
    fallbackProject: fallbackProject.dir,
    timeoutMs: 300_000,
  });
}

beforeAll(() => {
  ensureBuilt();
}, 600_000);
afterAll(() => {
  project.remove();
  fallbackProject.remove();
});

describe('amelia poses', () => {
  it.each([
    [['--model', 'huge'], /--model takes lite, full or heavy, not "huge"/],
    [['--backend', 'cuda'], /--backend takes auto or one of tfjs-node-gpu, .*not "cuda"/],
    [['--whole-video'], /Name the videos to find people in/],
    [['actors', 'only-a-video'], /Name the video and the whole-video job/],
    [['--usable', '--segments', 'a,b'], /--usable picks the tubes itself/],
  ])('refuses %j with exit 2 and the usage', async (args, message) => {
    const run = await amelia('poses', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('Usage: amelia poses');
  });

  it('backends --json names what auto picks here, why, and that the weights are checked', async () => {
    const run = await amelia('poses', 'backends', '--json');
    expect(run.code, run.stderr).toBe(0);
    const b = JSON.parse(run.stdout) as {
      chosen: string;
      reason: string;
      workers: number;
      weightProblems: string[];
    };
    expect(['wasm', 'tfjs-node', 'tfjs-node-gpu']).toContain(b.chosen);
    expect(b.reason.length).toBeGreaterThan(10);
    expect(b.weightProblems).toEqual([]);
    const text = await amelia('poses', 'backends');
    expect(text.stdout).toMatch(/auto picks \S+ with \d+ workers?/);
  });

  it.skipIf(!hasData)(
    'finds the two people of a clip with --whole-video, makes them actors, and lists their tubes’ poses',
    async () => {
      const imported = await amelia('import', '--json', '--no-wait', TWO_PEOPLE);
      expect(imported.code, imported.stderr).toBe(0);
      const videoId = (JSON.parse(imported.stdout) as { imported: { id: string }[] }).imported[0]
        ?.id as string;

      const run = await amelia('poses', '--whole-video', '--model', 'lite', '--json', videoId);
      expect(run.code, run.stderr).toBe(0);
      const out = JSON.parse(run.stdout) as {
        job: { id: string; state: string; kind: string; unit: string };
        tracks: { trackId: number; frameCount: number; framesWithPose: number }[];
      };
      expect(out.job).toMatchObject({ state: 'done', kind: 'poses', unit: 'frames' });
      expect(out.tracks.map((t) => t.trackId)).toEqual([1, 2]);
      for (const t of out.tracks) expect(t.framesWithPose).toBeGreaterThanOrEqual(36);

      const actors = await amelia('poses', 'actors', videoId, out.job.id, '--json');
      expect(actors.code, actors.stderr).toBe(0);
      expect((JSON.parse(actors.stdout) as { segments: unknown[] }).segments.length).toBe(out.tracks.length);

      const list = await amelia('poses', 'list', videoId);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/lite .* current/);

      const missing = await amelia('poses', '--missing', '--model', 'lite', videoId);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/already has current poses/);

      // The people found are unlabelled: none of their tubes feeds training yet.
      const usable = await amelia('poses', '--usable', '--missing', '--model', 'lite', videoId);
      expect(usable.code).toBe(1);
      expect(usable.stderr).toMatch(/No tube feeds training or export yet/);
    },
    600_000,
  );

  it('names a video it could not read, and says how to run the job again; that command finishes it', async () => {
    const clips = tempDir('amelia-cli-gone-');
    try {
      const path = join(clips.dir, 'hall.mp4');
      await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=176x144:rate=25', '-frames:v', '12', '-y', path]);
      const imported = await amelia('import', '--json', '--no-wait', path);
      expect(imported.code, imported.stderr).toBe(0);
      const videoId = (JSON.parse(imported.stdout) as { imported: { id: string }[] }).imported[0]
        ?.id as string;
      const run = await withFileGone(path, () =>
        amelia('poses', '--whole-video', '--model', 'lite', videoId),
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/amelia poses: Could not read 1 of 1 video \("hall\.mp4": /);
      const hint = /amelia jobs retry (\S+) --project (\S+) && amelia jobs run --project \2\n/.exec(
        run.stderr,
      );
      expect(hint, run.stderr).not.toBeNull();
      expect(hint?.[2]).toBe(shellWord(project.dir));
      const jobId = hint?.[1] as string;
      expect((await amelia('jobs', 'retry', jobId)).code).toBe(0);
      expect((await amelia('jobs', 'run')).code).toBe(0);
      const jobs = JSON.parse((await amelia('jobs', '--json')).stdout) as { id: string; state: string }[];
      expect(jobs.find((j) => j.id === jobId)?.state).toBe('done');
    } finally {
      clips.remove();
    }
  }, 300_000);
});

describe('shell words in the hints the CLI prints', () => {
  it('leaves plain paths as they are and single-quotes the rest', () => {
    expect(shellWord('/tmp/amelia-1/project')).toBe('/tmp/amelia-1/project');
    expect(shellWord('/home/me/My Project')).toBe(`'/home/me/My Project'`);
    expect(shellWord(`it's $(here)`)).toBe(`'it'\\''s $(here)'`);
  });
});
