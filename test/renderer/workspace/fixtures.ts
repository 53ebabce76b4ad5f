import type { Actor, Segment, TrackKeyframe } from '../../../shared/domain/annotation';
import type { TaxonomyNode } from '../../../shared/domain/taxonomy';
import { buildTree } from '../../../shared/taxonomy/tree';

export function actor(number: number, id = `a${number}`): Actor {
  return { id, videoId: 'v', number, name: '', color: '#4e79a7', createdAt: '2025-01-01T00:00:00.000Z' };
}

export function segment(
  id: string,
  actorId: string,
  startFrame: number,
  endFrame: number,
  labelNodeId: string | null = null,
  keyframes: TrackKeyframe[] = [],
): Segment {
  return {
    id,
    videoId: 'v',
    actorId,
    startFrame,
    endFrame,
    label: labelNodeId
      ? { nodeId: labelNodeId, taxonomyVersion: 1, userId: null, at: '2025-01-01T00:00:00.000Z' }
      : null,
    uncertain: false,
    note: '',
    keyframes,
    ownerId: null,
    reviewState: 'draft',
    origin: 'manual',
    confidence: null,
    revision: 1,
    updatedAt: '2025-01-01T00:00:00.000Z',
  };
}

export function byId<T extends { id: string }>(list: T[]): Record<string, T> {
  return Object.fromEntries(list.map((x) => [x.id, x]));
}

function node(
  id: string,
  parentId: string | null,
  name: string,
  order: number,
  deprecated = false,
): TaxonomyNode {
  return {
    id,
    parentId,
    name,
    definition: `The definition of ${name.toLowerCase()}.`,
    includes: '',
    excludes: '',
    example: '',
    deprecated,
    mergedInto: null,
    order,
  };
}

/** Fall › Fall forward › Fall forward onto the hands; Locomotion › Walking › Walk (and a deprecated Shuffle). */
export function smallTree() {
  return buildTree([
    node('fall', null, 'Fall', 0),
    node('fall-forward', 'fall', 'Fall forward', 0),
    node('fall-forward-hands', 'fall-forward', 'Fall forward onto the hands', 0),
    node('locomotion', null, 'Locomotion', 1),
    node('walking', 'locomotion', 'Walking', 0),
    node('walk', 'walking', 'Walk', 0),
    node('shuffle', 'walking', 'Shuffle', 1, true),
  ]);
}
