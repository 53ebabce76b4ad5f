import type { Manifest } from '../../../../shared/dataset/manifest';
import { MANIFEST_FORMAT, MANIFEST_VERSION, manifestSchema } from '../../../../shared/dataset/manifest';
import { normaliseKeyframes } from '../../../../shared/tracks/interpolate';
import type { ExportPlan } from '../plan';
import { tubeFrames } from '../plan';

/**
 * amelia's own manifest: every video (by content hash), person and tube of the export with its frames,
 * box keyframes, label (node, full taxonomy path, version, who and when), class, state, annotators and
 * split, the taxonomy as it is, the classes and the splits. An import of it gives back the same tubes.
 * Names and notes are in it only where the export was told to include them.
 */
export function buildManifest(
  plan: ExportPlan,
  meta: { name: string; createdAt: string; generator: string },
): Manifest {
  const { options } = plan;
  const names = options.privacy.includeNames;
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_VERSION,
    name: meta.name,
    createdAt: meta.createdAt,
    generator: meta.generator,
    taxonomy: {
      name: plan.taxonomy.name,
      version: plan.taxonomy.version,
      levels: plan.taxonomy.levels,
      document: plan.document,
    },
    level: options.level,
    classes: plan.classes.map((c) => ({
      index: c.index,
      nodeId: c.node.id,
      name: c.node.name,
      path: c.path.map((n) => n.name),
    })),
    splits: {
      method: options.splits
        ? `grouped by recording and person (never shared between splits)${options.splits.stratify ? ', stratified by class' : ''}, seeded`
        : 'none',
      seed: options.splits ? options.splits.seed : null,
      parts: plan.parts.map((p) => ({
        name: p.name,
        weight: p.weight,
        videos: plan.videos.filter((v) => v.split === p.name).map((v) => v.key),
        tubes: plan.tubes.filter((t) => t.split === p.name).map((t) => t.key),
      })),
    },
    privacy: {
      names,
      notes: options.privacy.includeNotes,
      pixels: options.formats.includes('clips') && !options.privacy.poseOnly,
      blur: options.formats.includes('clips') ? options.clips.blur : 'none',
    },
    annotators: plan.annotators.map((a) => ({ id: a.id, name: names ? a.name : null })),
    videos: plan.videos.map((v) => ({
      key: v.key,
      name: names ? v.record.name : null,
      contentHash: v.record.contentHash,
      width: v.record.width,
      height: v.record.height,
      frameCount: v.record.frameCount,
      fps: v.record.fps,
      durationSec: v.record.durationSec,
      split: v.split,
      actors: v.actors.map((a) => ({
        key: `${v.key}-p${a.number}`,
        number: a.number,
        name: names ? a.name : null,
        color: a.color,
      })),
    })),
    tubes: plan.tubes.map((t) => {
      const label = t.segment.label;
      return {
        key: t.key,
        videoKey: t.video.key,
        actorKey: t.actorKey,
        startFrame: t.segment.startFrame,
        endFrame: t.segment.endFrame,
        frameCount: tubeFrames(t),
        keyframes: normaliseKeyframes(t.segment.keyframes).map((k) => ({ ...k })),
        label: label
          ? {
              nodeId: label.nodeId,
              name: plan.tree.nodes.get(label.nodeId)?.name ?? label.nodeId,
              path: plan.tree.pathOf(label.nodeId).map((n) => ({ id: n.id, name: n.name })),
              taxonomyVersion: label.taxonomyVersion,
              userId: label.userId,
              at: label.at,
            }
          : null,
        class: t.cls ? t.cls.index : null,
        uncertain: t.segment.uncertain,
        note: options.privacy.includeNotes ? t.segment.note : null,
        state: t.state,
        annotators: t.annotators,
        split: t.split,
        files: { ...t.files },
      };
    }),
  };
  // What is written is what an import accepts.
  return manifestSchema.parse(manifest);
}
