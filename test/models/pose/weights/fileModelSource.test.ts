import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WEIGHTS_MANIFEST } from '../../../../models/pose/weights/manifest';
import { fileModelSource, verifyWeights, weightsDir } from '../../../../models/pose/weights/fileModelSource';
import { tempDir } from '../../../support/tempProject';

describe('pose weights from disk', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());

  it('are the installed package version the manifest was made for, every file present and matching', () => {
    const pkg = JSON.parse(
      readFileSync(
        createRequire(import.meta.url).resolve(`${WEIGHTS_MANIFEST.package}/package.json`),
        'utf8',
      ),
    ) as { version: string };
    expect(pkg.version).toBe(WEIGHTS_MANIFEST.version);
    expect(verifyWeights()).toEqual([]);
  });

  it('load as a tfjs model artifact with topology and all the weights', async () => {
    const artifacts = await fileModelSource('blazepose-lite').load?.();
    expect(artifacts?.modelTopology).toBeTruthy();
    expect((artifacts?.weightData as ArrayBuffer).byteLength).toBe(
      WEIGHTS_MANIFEST.files['blazepose-lite.bin'].bytes,
    );
    expect(artifacts?.weightSpecs?.length).toBeGreaterThan(100);
  });

  it('refuse a changed file, a missing file and a name outside the manifest, saying what to do', async () => {
    const dir = join(tmp.dir, 'models');
    mkdirSync(dir);
    for (const f of ['blazepose-lite.json', 'blazepose-lite.bin'])
      copyFileSync(join(weightsDir(), f), join(dir, f));
    const bin = readFileSync(join(dir, 'blazepose-lite.bin'));
    bin[1000] = (bin[1000] as number) ^ 0xff;
    writeFileSync(join(dir, 'blazepose-lite.bin'), bin);
    await expect(fileModelSource('blazepose-lite', dir).load?.()).rejects.toThrow(
      /blazepose-lite\.bin is not the expected one .*SHA-256 differs .*reinstall it with npm ci/,
    );
    await expect(fileModelSource('blazepose-full', dir).load?.()).rejects.toThrow(
      /blazepose-full\.json is missing/,
    );
    await expect(fileModelSource('../secrets', dir).load?.()).rejects.toThrow(
      /not one of the pose weight files/,
    );
    expect(verifyWeights(dir).length).toBe(Object.keys(WEIGHTS_MANIFEST.files).length - 1);
  });

  it('come from AMELIA_POSE_WEIGHTS where it is set, never from the network', () => {
    expect(weightsDir({ AMELIA_POSE_WEIGHTS: '/somewhere' })).toBe('/somewhere');
    expect(weightsDir({})).toMatch(/@vladmandic[\\/]human-models[\\/]models$/);
  });
});
