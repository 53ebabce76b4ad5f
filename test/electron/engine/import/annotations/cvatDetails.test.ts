import { beforeAll, describe, expect, it } from 'vitest';
import type { Video } from '../../../../../shared/domain/video';
import { importVideo, TEST_CLIENT, value } from '../../../../support/annotate';
import { dataPath } from '../../../../support/data';
import { useTempEngine } from '../../../../support/tempEngine';

function task(stop: number, labels: string, tracks: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <task>
      <start_frame>0</start_frame>
      <stop_frame>${stop}</stop_frame>
      <frame_filter></frame_filter>
      <labels>${labels}</labels>
      <original_size><width>640</width><height>240</height></original_size>
    </task>
  </meta>
${tracks}
</annotations>
`;
}

const ACTION = `<label><name>person</name><attributes><attribute><name>action</name><mutable>True</mutable>
  <input_type>select</input_type><default_value>Walk</default_value><values>Walk
Fall</values></attribute></attributes></label>`;

describe('CVAT for video, in detail', () => {
  const t = useTempEngine({ nested: true });
  let video: Video;

  beforeAll(async () => {
    video = await importVideo(t.engine, dataPath('urfd', 'fall-01-cam0.mp4'));
  });

  it('splits a track where its label attribute changes, holding the box where the first part ends', async () => {
    const text = task(
      159,
      ACTION,
      `  <track id="7" label="person">
    <box frame="0" outside="0" occluded="0" keyframe="1" xtl="0" ytl="0" xbr="100" ybr="100"><attribute name="action">Walk</attribute></box>
    <box frame="50" outside="0" occluded="0" keyframe="0" xtl="50" ytl="0" xbr="150" ybr="100"><attribute name="action">Walk</attribute></box>
    <box frame="100" outside="0" occluded="0" keyframe="1" xtl="100" ytl="0" xbr="200" ybr="100"><attribute name="action">Fall</attribute></box>
    <box frame="120" outside="1" occluded="0" keyframe="1" xtl="100" ytl="0" xbr="200" ybr="100"><attribute name="action">Fall</attribute></box>
  </track>`,
    );
    const preview = value(
      await t.engine.call('imports.preview', { text, fileName: 'split.xml', videoId: video.id }),
    );
    expect(preview.warnings.join(' ')).toMatch(/labels from it/);
    expect(preview.labels.map((l) => [l.label, l.nodeId])).toEqual([
      ['Walk', 'walk'],
      ['Fall', 'fall'],
    ]);
    const r = value(
      await t.engine.call('imports.commit', {
        clientId: TEST_CLIENT,
        text,
        fileName: 'split.xml',
        videoId: video.id,
      }),
    );
    const segs = value(await t.engine.call('segments.list', { videoId: video.id })).filter((s) =>
      r.segmentIds.includes(s.id),
    );
    expect(new Set(segs.map((s) => s.actorId)).size).toBe(1);
    expect(
      segs.map((s) => [s.startFrame, s.endFrame, s.label?.nodeId, s.keyframes.map((k) => [k.frame, k.x])]),
    ).toEqual([
      // The shape at 50 is CVAT's interpolation (keyframe 0): left to interpolation again; a box is held at 99.
      [
        0,
        99,
        'walk',
        [
          [0, 0],
          [99, 99],
        ],
      ],
      [100, 119, 'fall', [[100, 100]]],
    ]);
    value(await t.engine.call('edits.undo', { clientId: TEST_CLIENT }));
  });

  it("ends a track that never leaves at the video's end where the task stops past it, saying so", async () => {
    const text = task(
      500,
      '<label><name>Walk</name><attributes></attributes></label>',
      '  <track id="0" label="Walk"><box frame="150" outside="0" occluded="0" keyframe="1" xtl="0" ytl="0" xbr="10" ybr="10"/></track>',
    );
    const r = value(
      await t.engine.call('imports.commit', {
        clientId: TEST_CLIENT,
        text,
        fileName: 'long.xml',
        videoId: video.id,
      }),
    );
    expect(r.warnings.join(' ')).toMatch(/1 track run to the task's stop frame, past the video's last frame/);
    const segs = value(await t.engine.call('segments.list', { videoId: video.id })).filter((s) =>
      r.segmentIds.includes(s.id),
    );
    expect(segs.map((s) => [s.startFrame, s.endFrame])).toEqual([[150, 159]]);
    value(await t.engine.call('edits.undo', { clientId: TEST_CLIENT }));
  });

  it('refuses a shape past the video, naming its line', async () => {
    const text = task(
      159,
      '<label><name>Walk</name><attributes></attributes></label>',
      '  <track id="0" label="Walk">\n    <box frame="10" outside="0" occluded="0" keyframe="1" xtl="0" ytl="0" xbr="10" ybr="10"/>\n    <box frame="170" outside="1" occluded="0" keyframe="1" xtl="0" ytl="0" xbr="10" ybr="10"/>\n  </track>',
    );
    const r = await t.engine.call('imports.commit', {
      clientId: TEST_CLIENT,
      text,
      fileName: 'past.xml',
      videoId: video.id,
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.where).toBe('past.xml: line 15, <box>, attribute frame');
      expect(r.error.message).toMatch(/frame 169 is past the last frame of fall-01-cam0\.mp4 \(159\)/);
    }
  });
});
