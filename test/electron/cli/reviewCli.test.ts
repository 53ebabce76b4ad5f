import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../../shared/contract/api';
import type { User } from '../../../shared/domain/user';
import { dataPath } from '../../support/data';
import type { Run } from '../../support/cli';
import { ensureBuilt, runAmelia } from '../../support/cli';
import { tempDir } from '../../support/tempProject';

const fallbackProject = tempDir('amelia-cli-review-default-');
const project = tempDir('amelia-cli-review-');
const files = tempDir('amelia-cli-review-files-');

function amelia(args: string[], input?: string): Promise<Run> {
  return runAmelia([...args, '--project', project.dir], {
    fallbackProject: fallbackProject.dir,
    ...(input !== undefined ? { input } : {}),
  });
}

async function json<T>(args: string[], input?: string): Promise<T> {
  const run = await amelia([...args, '--json'], input);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

beforeAll(() => ensureBuilt(), 600_000);
afterAll(() => {
  project.remove();
  fallbackProject.remove();
  files.remove();
});

describe('people, assignments, agreement and the audit log from the command line', () => {
  it('adds the admin first, with a password read from standard input, then the others', async () => {
    const early = await amelia(['users', 'add', 'Ann', '--role', 'annotator']);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/first person of a project is its admin/);
    const short = await amelia(['users', 'add', 'Ada', '--role', 'admin', '--password-stdin'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/at least 10 characters/);
    const ada = await json<User>(
      ['users', 'add', 'Ada', '--role', 'admin', '--password-stdin'],
      'a good long password\n',
    );
    expect(ada).toMatchObject({ name: 'Ada', role: 'admin', hasPassword: true, disabled: false });
    await json<User>(['users', 'add', 'Ann', '--role', 'annotator']);
    await json<User>(['users', 'add', 'Bob', '--role', 'annotator']);
    const users = await json<User[]>(['users']);
    expect(users.map((u) => `${u.name}:${u.role}`)).toEqual(['Ada:admin', 'Ann:annotator', 'Bob:annotator']);
    const bad = await amelia(['users', 'add', 'Cy', '--role', 'boss']);
    expect(bad.code).toBe(2);
  });

  it('will not demote or disable the last admin', async () => {
    const run = await amelia(['users', 'disable', 'Ada']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/last admin/);
  });

  it('assigns a video to two annotators and reports agreement (nothing compared yet) as JSON', async () => {
    const imported = await json<{ imported: { id: string }[] }>([
      'import',
      '--no-wait',
      dataPath('mmskeleton', 'ta_chi.mp4'),
    ]);
    const videoId = imported.imported[0]?.id ?? '';
    const made = await json<{ videoId: string; userId: string }[]>([
      'assign',
      '--to',
      'Ann,Bob',
      '--overlap',
      '1',
      videoId,
    ]);
    expect(made).toHaveLength(2);
    const report = await json<{ levels: AgreementReport[]; annotators: { name: string }[] }>(['agreement']);
    expect(report.levels.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(report.levels[0]?.items).toBe(0);
    expect(report.levels[0]?.fleissKappa).toEqual({ value: null, note: 'fewer than two ratings an item' });
    expect(report.annotators.map((a) => a.name)).toEqual(['Ada', 'Ann', 'Bob']);
  });

  it('writes the audit log as CSV', async () => {
    await amelia(['actors', 'add', 'ta_chi.mp4', '--name', 'Walker']);
    const csv = join(files.dir, 'audit.csv');
    const run = await amelia(['audit', '--csv', csv]);
    expect(run.code, run.stderr).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('edit,at,who,client,kind,summary,entity,id,before,after');
    expect(lines.some((l) => l.includes('actor.create') && l.includes('Walker'))).toBe(true);
  });
});
