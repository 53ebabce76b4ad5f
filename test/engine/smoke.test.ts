import { describe, expect, it } from 'vitest';
import { createEngine } from '../../electron/engine/engine';
import { dataPath } from '../support/data';
import { tempDir } from '../support/tempProject';

describe('smoke', () => {
  it('imports a clip', async () => {
    const t = tempDir();
    const engine = await createEngine({ projectDir: t.dir });
    const r = await engine.call('videos.import', { paths: [dataPath('upfall/Activity1/Subject1/Trial1Cam1.mp4'), dataPath('tricky/vfr_18_then_9fps.mp4'), dataPath('tricky/rotated_90.mp4')] });
    console.log(JSON.stringify(r, null, 1).slice(0, 3000));
    await engine.jobs.whenIdle();
    console.log(JSON.stringify(await engine.call('jobs.list', {}), null, 1).slice(0, 3000));
    console.log(JSON.stringify((await engine.call('videos.list', {})), null, 1).slice(0, 1500));
    await engine.close();
    expect(r.ok).toBe(true);
    console.log(t.dir);
  });
});
