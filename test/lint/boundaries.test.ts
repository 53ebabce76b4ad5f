import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
let eslint: ESLint;

/** The messages of `no-restricted-imports` for a file at `path` (relative to the repository) that imports `spec`. */
async function restricted(path: string, spec: string): Promise<string[]> {
  const code = `import { thing } from '${spec}';\n\nexport const used = thing;\n`;
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  if (!result) throw new Error('ESLint returned no result');
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2)
    .map((m) => m.message);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

describe('shared/ stays free of Node, Electron, React and the engine', () => {
  it.each([
    'node:fs',
    'fs',
    'path',
    'node:child_process',
    'react',
    'react-dom/client',
    'zustand',
    'electron',
    'better-sqlite3',
    '../electron/engine/engine',
  ])('refuses %s', async (spec) => {
    expect(await restricted('shared/x.ts', spec)).not.toEqual([]);
  });

  it.each(['./events', '../domain/ids', 'zod'])('takes %s', async (spec) => {
    expect(await restricted('shared/contract/x.ts', spec)).toEqual([]);
  });
});

describe('renderer/ talks only to the contract', () => {
  it.each([
    'better-sqlite3',
    'node:path',
    'path',
    'fs',
    'electron',
    'electron/renderer',
    '../../electron/engine/engine',
    '../../../electron/engine/engine',
    '../../electron/server/httpServer',
    '@ffmpeg-installer/ffmpeg',
    'ffmpeg-static',
  ])('refuses %s', async (spec) => {
    expect(await restricted('renderer/src/x.ts', spec)).not.toEqual([]);
  });

  it('refuses them in .tsx files too', async () => {
    expect(await restricted('renderer/src/features/library/X.tsx', 'node:fs')).not.toEqual([]);
  });

  it.each([
    ['renderer/src/x.ts', '../../shared/contract/events'],
    ['renderer/src/features/library/x.ts', '../../../../shared/contract/api'],
    ['renderer/src/x.tsx', 'react'],
    ['renderer/src/x.ts', 'zustand'],
    ['renderer/src/x.ts', './events'],
  ])('lets %s import %s', async (path, spec) => {
    expect(await restricted(path, spec)).toEqual([]);
  });
});

describe('the engine and the headless hosts run without Electron', () => {
  it.each([
    'electron/engine/x.ts',
    'electron/engine/media/x.ts',
    'electron/server/x.ts',
    'electron/cli/x.ts',
    'electron/web/x.ts',
  ])('%s may not import electron', async (path) => {
    expect(await restricted(path, 'electron')).not.toEqual([]);
  });

  it.each(['electron/engine/x.ts', 'electron/main/x.ts'])(
    '%s may not import React or the renderer',
    async (path) => {
      expect(await restricted(path, 'react')).not.toEqual([]);
      expect(await restricted(path, '../../renderer/src/main')).not.toEqual([]);
    },
  );

  it('the Electron main process may import electron', async () => {
    expect(await restricted('electron/main/x.ts', 'electron')).toEqual([]);
    expect(await restricted('electron/preload/x.ts', 'electron')).toEqual([]);
  });

  it('the engine may import Node and SQLite', async () => {
    expect(await restricted('electron/engine/x.ts', 'node:fs')).toEqual([]);
    expect(await restricted('electron/engine/x.ts', 'better-sqlite3')).toEqual([]);
  });
});

describe('the rule set itself', () => {
  it('reports a default export and an explicit any', async () => {
    const [result] = await eslint.lintText('export default function f(x: any) {\n  return x;\n}\n', {
      filePath: resolve(ROOT, 'shared/x.ts'),
    });
    const rules = (result?.messages ?? []).map((m) => m.ruleId);
    expect(rules).toContain('no-restricted-syntax');
    expect(rules).toContain('@typescript-eslint/no-explicit-any');
  });
});
