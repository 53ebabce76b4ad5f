import { basename, resolve } from 'node:path';
import { AmeliaError } from '../../shared/contract/envelope';
import type { Actor, Segment, TrackKeyframe } from '../../shared/domain/annotation';
import type { Taxonomy } from '../../shared/domain/taxonomy';
import type { Video } from '../../shared/domain/video';
import type { TaxonomyTree } from '../../shared/taxonomy/tree';
import { buildTree, pathLabel } from '../../shared/taxonomy/tree';
import type { Engine } from '../engine/engine';
import { UsageError } from './args';
import { unwrap } from './unwrap';

/** The client id of this CLI run: its writes are audited (and undoable) as one client's. */
export function cliClientId(): string {
  return `cli-${process.pid}`;
}

function ambiguous(what: string, ref: string, names: string[]): AmeliaError {
  return new AmeliaError(
    'invalid_request',
    `"${ref}" names more than one ${what}: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}. Give more of the id.`,
  );
}

/** A video named by its id, a unique prefix of its id, its file name, or the path it was imported from. */
export async function resolveVideo(engine: Engine, ref: string): Promise<Video> {
  const videos = unwrap(await engine.call('videos.list', {}));
  const exact = videos.find((v) => v.id === ref);
  if (exact) return exact;
  const byFile = videos.filter(
    (v) => v.name === ref || v.sourcePath === resolve(ref) || basename(v.sourcePath) === ref,
  );
  if (byFile.length === 1) return byFile[0] as Video;
  if (byFile.length > 1)
    throw ambiguous(
      'video',
      ref,
      byFile.map((v) => `${v.id.slice(0, 8)} (${v.sourcePath})`),
    );
  const byPrefix = videos.filter((v) => v.id.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0] as Video;
  if (byPrefix.length > 1)
    throw ambiguous(
      'video',
      ref,
      byPrefix.map((v) => `${v.id.slice(0, 8)} (${v.name})`),
    );
  throw new AmeliaError(
    'not_found',
    `No video "${ref}" in this project (give an id, the start of one, or a file name; \`amelia videos\` lists them).`,
  );
}

/** A person of a video, named by number (1, 2, …), id, or a unique prefix of an id. */
export async function resolveActor(engine: Engine, video: Video, ref: string): Promise<Actor> {
  const actors = unwrap(await engine.call('actors.list', { videoId: video.id }));
  // A few digits are a number, never the start of an id ("9" must not find an id that happens to start with 9).
  const isNumber = /^\d{1,7}$/.test(ref);
  if (isNumber) {
    const byNumber = actors.find((a) => a.number === Number(ref));
    if (byNumber) return byNumber;
  }
  const exact = actors.find((a) => a.id === ref);
  if (exact) return exact;
  const byPrefix = isNumber ? [] : actors.filter((a) => a.id.startsWith(ref));
  if (byPrefix.length === 1) return byPrefix[0] as Actor;
  if (byPrefix.length > 1) throw ambiguous('person', ref, byPrefix.map(actorName));
  throw new AmeliaError(
    'not_found',
    `No person "${ref}" in ${video.name} (\`amelia actors ${video.id.slice(0, 8)}\` lists them; \`amelia actors add\` adds one).`,
  );
}

/** A segment of any video, named by its id or a unique prefix of it. */
export async function resolveSegment(engine: Engine, ref: string): Promise<Segment> {
  const videos = unwrap(await engine.call('videos.list', {}));
  const found: Segment[] = [];
  for (const v of videos) {
    for (const s of unwrap(await engine.call('segments.list', { videoId: v.id }))) {
      if (s.id === ref) return s;
      if (s.id.startsWith(ref)) found.push(s);
    }
  }
  if (found.length === 1) return found[0] as Segment;
  if (found.length > 1)
    throw ambiguous(
      'tube',
      ref,
      found.map((s) => s.id.slice(0, 8)),
    );
  throw new AmeliaError('not_found', `No tube "${ref}" in this project.`);
}

/** A taxonomy node named by its id, or by its name where one node has it (case aside). */
export function resolveNode(taxonomy: Taxonomy, ref: string): string {
  if (taxonomy.nodes.some((n) => n.id === ref)) return ref;
  const byName = taxonomy.nodes.filter((n) => n.name.toLowerCase() === ref.toLowerCase());
  if (byName.length === 1) return (byName[0] as { id: string }).id;
  if (byName.length > 1)
    throw ambiguous(
      'taxonomy node',
      ref,
      byName.map((n) => n.id),
    );
  throw new AmeliaError(
    'not_found',
    `No taxonomy node "${ref}" (\`amelia taxonomy\` lists them with their ids).`,
  );
}

export function actorName(a: Actor): string {
  return a.name ? `#${a.number} ${a.name}` : `#${a.number}`;
}

/** "x,y,w,h" or "x,y,w,h@frame" (frame: `defaultFrame` where not given), or "outside@frame". */
export function parseBox(text: string, defaultFrame: number): TrackKeyframe {
  const m = /^(?:(outside)|([^@]+))(?:@(\d+))?$/.exec(text.trim());
  const frame = m?.[3] !== undefined ? Number(m[3]) : defaultFrame;
  if (m?.[1] === 'outside') {
    if (m[3] === undefined) throw new UsageError(`--box outside takes a frame: outside@FRAME.`);
    return { frame, x: 0, y: 0, width: 0, height: 0, outside: true };
  }
  const parts = (m?.[2] ?? '').split(',').map((p) => Number(p.trim()));
  const [x, y, width, height] = parts;
  if (
    parts.length !== 4 ||
    x === undefined ||
    y === undefined ||
    width === undefined ||
    height === undefined ||
    parts.some((p) => !Number.isFinite(p)) ||
    width < 0 ||
    height < 0
  ) {
    throw new UsageError(
      `--box takes x,y,width,height in pixels, optionally @FRAME (e.g. 10,20,80,160@42), not "${text}".`,
    );
  }
  return { frame, x, y, width, height, outside: false };
}

/** The taxonomy's nodes in tree order, each with its level. */
export function treeOrder(taxonomy: Taxonomy): { tree: TaxonomyTree; rows: { id: string; level: number }[] } {
  const tree = buildTree(taxonomy.nodes);
  const rows: { id: string; level: number }[] = [];
  const walk = (parent: string | null, level: number) => {
    for (const n of tree.childrenOf(parent)) {
      rows.push({ id: n.id, level });
      walk(n.id, level + 1);
    }
  };
  walk(null, 1);
  return { tree, rows };
}

export function labelText(tree: TaxonomyTree, s: Segment): string {
  return s.label ? pathLabel(tree, s.label.nodeId) : '';
}
