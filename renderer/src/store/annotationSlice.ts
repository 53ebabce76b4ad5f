import type { EventPayload } from '../../../shared/contract/events';
import type { Actor, Segment, TrackKeyframe } from '../../../shared/domain/annotation';
import { actorSchema, segmentSchema } from '../../../shared/domain/annotation';
import type { EditEntry } from '../../../shared/domain/edit';
import { assertNever } from '../../../shared/util/assertNever';
import { errorMessage } from '../api/client';
import { currentRole } from './role';
import type { SliceCreator } from './types';

export interface AnnotationState {
  /** The video whose annotations are loaded (the open workspace). */
  annVideoId: string | null;
  annStatus: 'idle' | 'loading' | 'ready' | 'error';
  annError: string | null;
  /** Presentation time of every frame of the open video (from import). */
  frameTimes: readonly number[] | null;
  actors: Record<string, Actor>;
  segments: Record<string, Segment>;
}

export interface NewSegmentInput {
  actorId: string;
  startFrame: number;
  endFrame: number;
  labelNodeId?: string | null;
  keyframes?: TrackKeyframe[];
}

export interface SegmentPatchInput {
  actorId?: string;
  startFrame?: number;
  endFrame?: number;
  labelNodeId?: string | null;
  uncertain?: boolean;
  note?: string;
  confirm?: true;
}

export interface AnnotationSlice extends AnnotationState {
  openVideo(videoId: string): Promise<void>;
  closeVideo(): void;
  reloadAnnotations(): Promise<void>;
  /** Fetches the current state of segments (one by one where few, else the whole list). */
  refreshSegments(ids: readonly string[], now?: boolean): Promise<void>;
  refreshActors(): Promise<void>;
  applyEntryChanges(entry: EditEntry): void;
  onDataChanged(payload: EventPayload<'data.changed'>): void;

  addActor(name?: string): Promise<Actor | null>;
  updateActor(actorId: string, patch: { name?: string; color?: string }): Promise<void>;
  removeActor(actorId: string): Promise<void>;
  createSegment(input: NewSegmentInput): Promise<Segment | null>;
  updateSegment(segmentId: string, patch: SegmentPatchInput, what: string): Promise<boolean>;
  setKeyframe(segmentId: string, keyframe: TrackKeyframe): Promise<boolean>;
  removeKeyframe(segmentId: string, frame: number): Promise<boolean>;
  splitSegment(segmentId: string, frame: number): Promise<[Segment, Segment] | null>;
  mergeSegments(segmentIds: string[]): Promise<Segment | null>;
  removeSegment(segmentId: string): Promise<boolean>;
}

export const initialAnnotationState: AnnotationState = {
  annVideoId: null,
  annStatus: 'idle',
  annError: null,
  frameTimes: null,
  actors: {},
  segments: {},
};

/** Up to this many changed segments are fetched one by one; more reload the video's list. */
const FETCH_ONE_BY_ONE = 40;

export const createAnnotationSlice: SliceCreator<AnnotationSlice> = (client) => (set, get) => {
  let openToken = 0;
  let pendingRefresh = new Set<string>();
  let refreshTimer: ReturnType<typeof setTimeout> | null = null;

  function upsertSegments(list: readonly Segment[]): void {
    const videoId = get().annVideoId;
    const mine = list.filter((s) => s.videoId === videoId);
    if (mine.length === 0) return;
    set((s) => {
      const segments = { ...s.segments };
      for (const seg of mine) segments[seg.id] = seg;
      return { segments };
    });
  }

  function dropSegments(ids: readonly string[]): void {
    set((s) => {
      if (!ids.some((id) => id in s.segments)) return s;
      const segments = { ...s.segments };
      for (const id of ids) delete segments[id];
      const selectedGone = s.selectedSegmentId !== null && ids.includes(s.selectedSegmentId);
      return selectedGone ? { segments, selectedSegmentId: null } : { segments };
    });
  }

  function upsertActors(list: readonly Actor[]): void {
    const videoId = get().annVideoId;
    const mine = list.filter((a) => a.videoId === videoId);
    if (mine.length === 0) return;
    set((s) => {
      const actors = { ...s.actors };
      for (const a of mine) actors[a.id] = a;
      return { actors };
    });
  }

  function dropActors(ids: readonly string[]): void {
    set((s) => {
      const actors = { ...s.actors };
      for (const id of ids) delete actors[id];
      const segments = Object.fromEntries(
        Object.entries(s.segments).filter(([, g]) => !ids.includes(g.actorId)),
      );
      const selectedActorId =
        s.selectedActorId !== null && ids.includes(s.selectedActorId) ? null : s.selectedActorId;
      const selectedSegmentId =
        s.selectedSegmentId !== null && !(s.selectedSegmentId in segments) ? null : s.selectedSegmentId;
      return { actors, segments, selectedActorId, selectedSegmentId };
    });
  }

  async function fetchOne(id: string): Promise<Segment | null | 'unknown'> {
    const [entry] = await client.call('edits.list', { segmentId: id, limit: 1 });
    const change = entry?.changes.find((c) => c.entity === 'segment' && c.id === id);
    if (!change) return 'unknown';
    if (change.after === null) return null;
    const parsed = segmentSchema.safeParse(change.after);
    return parsed.success ? parsed.data : 'unknown';
  }

  async function flushRefresh(): Promise<void> {
    refreshTimer = null;
    const ids = [...pendingRefresh];
    pendingRefresh = new Set();
    if (ids.length === 0) return;
    // The audit log (where single tubes are read from) is for reviewers: annotators reload their list.
    if (ids.length > FETCH_ONE_BY_ONE || currentRole(get()) === 'annotator') {
      await get().reloadAnnotations();
      return;
    }
    try {
      const found = await Promise.all(ids.map(async (id) => [id, await fetchOne(id)] as const));
      if (found.some(([, s]) => s === 'unknown')) {
        await get().reloadAnnotations();
        return;
      }
      upsertSegments(found.flatMap(([, s]) => (s && s !== 'unknown' ? [s] : [])));
      dropSegments(found.filter(([, s]) => s === null).map(([id]) => id));
    } catch {
      await get().reloadAnnotations();
    }
  }

  const runEdit = (what: string, fn: () => Promise<void>) => get().runEdit(what, fn);
  const clientId = () => get().clientId;

  return {
    ...initialAnnotationState,

    async openVideo(videoId) {
      const token = ++openToken;
      set({
        ...initialAnnotationState,
        annVideoId: videoId,
        annStatus: 'loading',
        selectedActorId: null,
        selectedSegmentId: null,
        markIn: null,
      });
      try {
        const [times, actors, segments] = await Promise.all([
          client.call('videos.frameTimes', { videoId }),
          client.call('actors.list', { videoId }),
          client.call('segments.list', { videoId }),
        ]);
        if (token !== openToken) return;
        set({
          annStatus: 'ready',
          frameTimes: times.times,
          actors: Object.fromEntries(actors.map((a) => [a.id, a])),
          segments: Object.fromEntries(segments.map((s) => [s.id, s])),
          selectedActorId: actors[0]?.id ?? null,
        });
      } catch (err) {
        if (token !== openToken) return;
        set({ annStatus: 'error', annError: errorMessage(err) });
      }
    },

    closeVideo() {
      openToken++;
      set({ ...initialAnnotationState });
    },

    async reloadAnnotations() {
      const videoId = get().annVideoId;
      if (!videoId) return;
      try {
        const [actors, segments] = await Promise.all([
          client.call('actors.list', { videoId }),
          client.call('segments.list', { videoId }),
        ]);
        if (get().annVideoId !== videoId) return;
        set((s) => {
          const segs = Object.fromEntries(segments.map((g) => [g.id, g]));
          const acts = Object.fromEntries(actors.map((a) => [a.id, a]));
          return {
            actors: acts,
            segments: segs,
            selectedSegmentId:
              s.selectedSegmentId !== null && s.selectedSegmentId in segs ? s.selectedSegmentId : null,
            selectedActorId:
              s.selectedActorId !== null && s.selectedActorId in acts ? s.selectedActorId : null,
          };
        });
      } catch (err) {
        get().notify('error', `Cannot reload the annotations: ${errorMessage(err)}`);
      }
    },

    refreshSegments(ids, now = false) {
      for (const id of ids) pendingRefresh.add(id);
      if (now) {
        if (refreshTimer) clearTimeout(refreshTimer);
        return flushRefresh();
      }
      if (!refreshTimer) refreshTimer = setTimeout(() => void flushRefresh(), 60);
      return Promise.resolve();
    },

    async refreshActors() {
      const videoId = get().annVideoId;
      if (!videoId) return;
      try {
        const list = await client.call('actors.list', { videoId });
        if (get().annVideoId !== videoId) return;
        const actors = Object.fromEntries(list.map((a) => [a.id, a]));
        set((s) => ({
          actors,
          selectedActorId:
            s.selectedActorId !== null && s.selectedActorId in actors ? s.selectedActorId : null,
        }));
      } catch {
        // The next change tries again.
      }
    },

    applyEntryChanges(entry) {
      let taxonomyChanged = false;
      let unreadable = false;
      for (const c of entry.changes) {
        switch (c.entity) {
          case 'segment': {
            if (c.after === null) dropSegments([c.id]);
            else {
              const parsed = segmentSchema.safeParse(c.after);
              if (parsed.success) upsertSegments([parsed.data]);
              else unreadable = true;
            }
            break;
          }
          case 'actor': {
            if (c.after === null) dropActors([c.id]);
            else {
              const parsed = actorSchema.safeParse(c.after);
              if (parsed.success) upsertActors([parsed.data]);
              else unreadable = true;
            }
            break;
          }
          case 'taxonomyNode':
            taxonomyChanged = true;
            break;
        }
      }
      if (unreadable) void get().reloadAnnotations();
      if (taxonomyChanged) void get().loadTaxonomy();
    },

    onDataChanged(p) {
      const mine = p.clientId === get().clientId;
      const videoId = p.videoId ?? null;
      switch (p.entity) {
        case 'segment': {
          // A taxonomy merge relabels segments of every video (no video named), this tab's merges too.
          if (videoId === null) {
            const ids = p.ids.filter((id) => id in get().segments);
            if (ids.length > 0) void get().refreshSegments(ids);
            return;
          }
          if (mine || videoId !== get().annVideoId) return;
          if (p.removed) dropSegments(p.ids);
          else void get().refreshSegments(p.ids);
          return;
        }
        case 'actor':
          if (mine || videoId !== get().annVideoId) return;
          if (p.removed) dropActors(p.ids);
          else void get().refreshActors();
          return;
        case 'taxonomy':
          if (!mine) void get().loadTaxonomy();
          return;
        case 'video':
        case 'job':
        case 'edit':
        case 'review':
        case 'user':
        case 'poses':
        case 'model':
        case 'prediction':
          return;
        default:
          assertNever(p.entity, 'entity');
      }
    },

    async addActor(name) {
      const videoId = get().annVideoId;
      if (!videoId) return null;
      let made: Actor | null = null;
      await runEdit('add a person', async () => {
        const actor = await client.call('actors.create', {
          clientId: clientId(),
          videoId,
          ...(name ? { name } : {}),
        });
        upsertActors([actor]);
        made = actor;
      });
      return made;
    },

    async updateActor(actorId, patch) {
      await runEdit('change the person', async () => {
        upsertActors([await client.call('actors.update', { clientId: clientId(), actorId, ...patch })]);
      });
    },

    async removeActor(actorId) {
      await runEdit('remove the person', async () => {
        const r = await client.call('actors.remove', { clientId: clientId(), actorId });
        dropSegments(r.removedSegments);
        dropActors([r.actorId]);
      });
    },

    async createSegment(input) {
      const videoId = get().annVideoId;
      if (!videoId) return null;
      let made: Segment | null = null;
      await runEdit('add the segment', async () => {
        const seg = await client.call('segments.create', { clientId: clientId(), videoId, ...input });
        upsertSegments([seg]);
        made = seg;
      });
      return made;
    },

    updateSegment(segmentId, patch, what) {
      return get().runSegmentEdit(segmentId, what, async (current) => {
        upsertSegments([
          await client.call('segments.update', {
            clientId: clientId(),
            segmentId,
            revision: current.revision,
            ...patch,
          }),
        ]);
      });
    },

    setKeyframe(segmentId, keyframe) {
      const what = keyframe.outside
        ? `mark the person outside from frame ${keyframe.frame}`
        : `set the box at frame ${keyframe.frame}`;
      return get().runSegmentEdit(segmentId, what, async (current) => {
        upsertSegments([
          await client.call('segments.setKeyframe', {
            clientId: clientId(),
            segmentId,
            revision: current.revision,
            keyframe,
          }),
        ]);
      });
    },

    removeKeyframe(segmentId, frame) {
      return get().runSegmentEdit(segmentId, `delete the box keyframe at frame ${frame}`, async (current) => {
        upsertSegments([
          await client.call('segments.removeKeyframe', {
            clientId: clientId(),
            segmentId,
            revision: current.revision,
            frame,
          }),
        ]);
      });
    },

    async splitSegment(segmentId, frame) {
      let parts: [Segment, Segment] | null = null;
      await get().runSegmentEdit(segmentId, `split the segment at frame ${frame}`, async (current) => {
        const r = await client.call('segments.split', {
          clientId: clientId(),
          segmentId,
          revision: current.revision,
          frame,
        });
        upsertSegments(r);
        parts = r;
      });
      return parts;
    },

    async mergeSegments(segmentIds) {
      let merged: Segment | null = null;
      await runEdit('merge the segments', async () => {
        const seg = await client.call('segments.merge', { clientId: clientId(), segmentIds });
        dropSegments(segmentIds.filter((id) => id !== seg.id));
        upsertSegments([seg]);
        merged = seg;
      });
      return merged;
    },

    removeSegment(segmentId) {
      return get().runSegmentEdit(segmentId, 'delete the segment', async (current) => {
        await client.call('segments.remove', { clientId: clientId(), segmentId, revision: current.revision });
        dropSegments([segmentId]);
      });
    },
  };
};
