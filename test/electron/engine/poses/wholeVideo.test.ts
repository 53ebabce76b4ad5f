import { describe, expect, it } from 'vitest';
import { dataPath, hasData } from '../../../support/data';
import { CLIENT, importClip, ok, runJob, tubePoses } from '../../../support/poses';
import { useTempEngine } from '../../../support/tempEngine';

describe.skipIf(!hasData)('whole-video pose extraction on the two-person clip', () => {
  const t = useTempEngine();

  it('finds two people with stable ids, extracts their poses, and turns them into actors with keyframed tubes', async () => {
    const { engine } = t;
    const videoId = await importClip(engine, dataPath('mmhuman3d/multi_person_demo.mp4'));
    const video = await ok(engine.call('videos.get', { videoId }));
    const job = await ok(
      engine.call('poses.extract', { videoIds: [videoId], wholeVideo: true, model: 'lite' }),
    );
    const done = await runJob(engine, job);
    expect(done.state, done.error ?? '').toBe('done');
    expect(done.result).toMatchObject({ mode: 'wholeVideo', people: 2 });

    const tracks = await ok(engine.call('poses.tracks', { videoId, jobId: job.id }));
    expect(tracks.map((x) => x.trackId)).toEqual([1, 2]);
    for (const tr of tracks) {
      expect(tr.frameCount).toBeGreaterThanOrEqual(video.frameCount - 2);
      expect(tr.framesWithPose).toBeGreaterThanOrEqual(tr.frameCount * 0.9);
      expect(tr.segmentId).toBeNull();
    }

    const made = await ok(engine.call('poses.tracksToActors', { clientId: CLIENT, videoId, jobId: job.id }));
    expect(made.actors.map((a) => a.number)).toEqual([1, 2]);
    expect(made.segments).toHaveLength(2);
    for (const s of made.segments) {
      expect(s.keyframes.length).toBeGreaterThanOrEqual(2);
      expect(s.keyframes[0]?.frame).toBe(s.startFrame);
      expect(s.keyframes[s.keyframes.length - 1]?.frame).toBe(s.endFrame);
    }
    // The poses came along: current (not stale), one per new tube.
    const summary = await ok(engine.call('poses.summary', { videoId }));
    expect(summary.map((x) => x.segmentId).sort()).toEqual(made.segments.map((s) => s.id).sort());
    for (const x of summary) expect(x.stale).toBe(false);
    const p = await tubePoses(engine, made.segments[0]?.id as string);
    expect(p.framesWithPose).toBeGreaterThan(0);

    // The two people are different people: their hips stay apart.
    const [a, b] = await Promise.all(made.segments.map((s) => tubePoses(engine, s.id)));
    const hipX = (q: typeof a, f: number) => (q?.image[(f * 33 + 23) * 4] as number) ?? 0;
    const f = 5 - (a?.startFrame ?? 0);
    expect(Math.abs(hipX(a, f) - hipX(b, 5 - (b?.startFrame ?? 0)))).toBeGreaterThan(video.width * 0.1);

    // Once made, the tracks are not made into actors a second time.
    const again = await engine.call('poses.tracksToActors', { clientId: CLIENT, videoId, jobId: job.id });
    expect(again.ok).toBe(false);
    const tracksAfter = await ok(engine.call('poses.tracks', { videoId }));
    expect(tracksAfter.every((x) => x.segmentId !== null)).toBe(true);
  }, 600_000);
});
