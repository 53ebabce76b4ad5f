import { manifestSchema } from '../../../../shared/dataset/manifest';
import type { LocatedJson } from './json';
import { checkJson } from './json';
import type { ParsedFile } from './model';
import { addLabel } from './model';
import type { Place } from './problems';
import { Problems, fileError } from './problems';

/**
 * Reads amelia's own manifest. Videos are found in the project by their content hash; actors keep their
 * numbers, names (where exported) and colours; tubes their frames, keyframes, labels (node, who, when),
 * uncertain flags, notes and states.
 */
export function parseManifest(doc: LocatedJson, fileName: string): ParsedFile {
  const problems = new Problems(fileName);
  const m = checkJson(doc, manifestSchema, problems);
  problems.fail();
  if (!m) throw fileError(fileName, { what: '(the whole file)' }, 'this is not an amelia manifest.');
  const parsed: ParsedFile = {
    format: 'manifest',
    fileName,
    sources: m.videos.map((v) => ({
      key: v.key,
      contentHash: v.contentHash,
      durationSec: v.durationSec,
      frameCount: v.frameCount,
    })),
    tubes: [],
    labels: new Map(),
    warnings: [],
    multiVideo: true,
    mappingKey: 'amelia',
    actors: m.videos.flatMap((v) =>
      v.actors.map((a) => ({ source: v.key, key: a.key, number: a.number, name: a.name, color: a.color })),
    ),
  };
  const videos = new Map(m.videos.map((v, i) => [v.key, { v, i }]));
  if (videos.size !== m.videos.length) problems.add({ what: 'videos' }, 'two videos have the same key.');
  const keys = new Set<string>();
  const placeOf = (path: (string | number)[]): Place => {
    const line = doc.lineOf(path);
    return {
      ...(line !== undefined ? { line } : {}),
      what: path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')
        .slice(1),
    };
  };
  m.tubes.forEach((t, i) => {
    const place = placeOf(['tubes', i]);
    if (keys.has(t.key)) problems.add(place, `the tube key ${t.key} is used twice.`);
    keys.add(t.key);
    const video = videos.get(t.videoKey);
    if (!video) {
      problems.add(placeOf(['tubes', i, 'videoKey']), `no video "${t.videoKey}" in the manifest.`);
      return;
    }
    const actor = video.v.actors.find((a) => a.key === t.actorKey);
    if (!actor) {
      problems.add(placeOf(['tubes', i, 'actorKey']), `no person "${t.actorKey}" in video ${t.videoKey}.`);
      return;
    }
    if (t.endFrame >= video.v.frameCount)
      problems.add(
        placeOf(['tubes', i, 'endFrame']),
        `frame ${t.endFrame} is past the video's last frame (${video.v.frameCount - 1}).`,
      );
    t.keyframes.forEach((k, j) => {
      if (k.frame < t.startFrame || k.frame > t.endFrame)
        problems.add(
          placeOf(['tubes', i, 'keyframes', j]),
          `a keyframe at frame ${k.frame} is outside the tube (frames ${t.startFrame}–${t.endFrame}).`,
        );
    });
    if (t.label) addLabel(parsed, t.label.nodeId, t.label.path.map((p) => p.name).join(' › '));
    parsed.tubes.push({
      source: t.videoKey,
      actor: t.actorKey,
      ...(actor.name !== null ? { actorName: actor.name } : {}),
      actorNumber: actor.number,
      actorColor: actor.color,
      label: t.label ? t.label.nodeId : null,
      start: { frame: t.startFrame },
      end: { frame: t.endFrame },
      keyframes: t.keyframes.map((k, j) => ({
        at: { frame: k.frame },
        box: { x: k.x, y: k.y, width: k.width, height: k.height },
        outside: k.outside,
        place: placeOf(['tubes', i, 'keyframes', j]),
      })),
      units: 'pixels',
      frameSize: { width: video.v.width, height: video.v.height },
      uncertain: t.uncertain,
      note: t.note ?? '',
      state: t.state,
      labelUserId: t.label ? t.label.userId : null,
      ...(t.label ? { labelAt: t.label.at } : {}),
      place,
    });
  });
  problems.fail();
  if (m.tubes.some((t) => t.note === null))
    parsed.warnings.push('The manifest was exported without notes: the tubes get empty notes.');
  const pending = new Set(
    m.tubes
      .map((t) => t.state)
      .filter((s) => s === 'submitted' || s === 'agreed' || s === 'disputed' || s === 'returned'),
  );
  if (pending.size > 0)
    parsed.warnings.push(
      `Some tubes were in review (${[...pending].join(', ')}); review items do not travel in a manifest, so those tubes come in as drafts. Final and draft tubes keep their state.`,
    );
  return parsed;
}
