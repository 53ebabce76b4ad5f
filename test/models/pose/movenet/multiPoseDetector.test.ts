import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { resolveMediaBinaries } from '../../../../electron/engine/media/binaries';
import { probeVideo } from '../../../../electron/engine/media/probe';
import { decodeFrames, decodedSize } from '../../../../electron/engine/poses/frameSource';
import { MULTIPOSE_DEFAULTS } from '../../../../models/pose/constants';
import { createNodePersonDetector } from '../../../../models/pose/node';
import { PersonTracker } from '../../../../models/pose/tracker/personTracker';
import { dataPath, hasData } from '../../../support/data';

describe.skipIf(!hasData)('MoveNet MultiPose and the tracker on the two-person clip', () => {
  it('finds both people in the frames and follows them as two stable ids, leaving no tensor behind', async () => {
    const clip = dataPath('mmhuman3d/multi_person_demo.mp4');
    const binaries = await resolveMediaBinaries();
    const probe = await probeVideo(binaries.ffprobe.path, clip);
    const size = decodedSize(probe.width, probe.height, 640);
    const detector = await createNodePersonDetector({ backend: 'wasm' });
    const loaded = tf.memory().numTensors;
    const tracker = new PersonTracker({
      maxMissedFrames: MULTIPOSE_DEFAULTS.maxMissedFrames,
      minIou: MULTIPOSE_DEFAULTS.minIou,
      minScore: MULTIPOSE_DEFAULTS.minPersonScore,
    });
    let withTwo = 0;
    try {
      for await (const f of decodeFrames({
        ffmpeg: binaries.ffmpeg,
        path: clip,
        streamIndex: probe.streamIndex,
        width: probe.width,
        height: probe.height,
        frameCount: probe.frameCount,
        maxSide: 640,
        lastFrame: probe.frameCount - 1,
      })) {
        const people = await detector.detect({ data: f.data, width: size.width, height: size.height });
        const strong = people.filter((p) => p.score >= MULTIPOSE_DEFAULTS.minPersonScore);
        if (strong.length === 2) withTwo++;
        for (const p of strong) {
          expect(p.box.x).toBeGreaterThanOrEqual(0);
          expect(p.box.x + p.box.width).toBeLessThanOrEqual(size.width + 0.01);
          expect(p.box.height).toBeGreaterThan(p.box.width); // standing adults
        }
        tracker.update(f.index, people);
      }
      expect(tf.memory().numTensors).toBe(loaded);
    } finally {
      detector.dispose();
    }
    expect(withTwo).toBeGreaterThanOrEqual(probe.frameCount * 0.9);
    const tracks = tracker.tracks(MULTIPOSE_DEFAULTS.minTrackFrames);
    expect(tracks.map((t) => t.id)).toEqual([1, 2]);
    for (const t of tracks)
      expect(t.endFrame - t.startFrame + 1).toBeGreaterThanOrEqual(probe.frameCount - 2);
    // Two different people: their boxes stay apart on average.
    const [a, b] = tracks;
    const cx = (r: { x: number; width: number }) => r.x + r.width / 2;
    const gap = a && b ? Math.abs(cx(a.boxes[0]!) - cx(b.boxes[0]!)) : 0;
    expect(gap).toBeGreaterThan(size.width * 0.1);
  });
});
