import type { AgreementReport, ResponseOf, ReviewItem, RequestOf } from '../../../shared/contract/api';
import type { Actor, Segment } from '../../../shared/domain/annotation';
import type { EditEntry } from '../../../shared/domain/edit';
import { errorMessage } from '../api/client';
import { currentRole } from './role';
import type { SliceCreator } from './types';

export type WorkQueue = ResponseOf<'work.queue'>;
export type ReviewDetail = ResponseOf<'review.get'>;
export type ItemState = ReviewItem['state'];
export type AnnotatorStats = ResponseOf<'review.annotators'>[number];
export type SubmitResult = ResponseOf<'work.submit'>;

export const ITEM_STATES: readonly ItemState[] = ['disputed', 'agreed', 'returned', 'final'];

export interface ReviewState {
  /** The caller's assignments and returned items (null until loaded). */
  workQueue: WorkQueue | null;
  reviewQueue: ReviewItem[] | null;
  /** Which item states the queue lists: disputed ones by default, agreed ones for spot checks. */
  reviewStates: ItemState[];
  /** The item open in the review view. */
  reviewDetail: ReviewDetail | null;
  reviewDetailId: string | null;
  reviewDetailError: string | null;
  /** Frame times of the open item's video (the review view's player maps its clock through them). */
  reviewFrameTimes: { videoId: string; times: readonly number[] } | null;
  /** Agreement reports by taxonomy level. */
  agreement: Record<number, AgreementReport>;
  annotatorStats: AnnotatorStats[] | null;
  /** People in the videos the review pages show, by id (for their names and colours). */
  reviewActors: Record<string, Actor>;
}

export interface ReviewSlice extends ReviewState {
  loadWorkQueue(): Promise<void>;
  /** Submits the caller's tubes of a video; the result, or null when refused (said in a notice). */
  submitWork(videoId: string): Promise<SubmitResult | null>;
  setReviewStates(states: ItemState[]): void;
  loadReviewQueue(): Promise<void>;
  openReviewItem(itemId: string | null): Promise<void>;
  /** Accepts a version as final, or (edit) makes a final version to edit; the final tube, or null. */
  finalizeReview(segmentId: string, edit: boolean): Promise<Segment | null>;
  /** Returns the open item to one annotator (or all) with a comment. */
  returnReview(annotatorId: string | null, comment: string): Promise<boolean>;
  commentReview(text: string): Promise<boolean>;
  loadAgreement(level: number): Promise<void>;
  loadAnnotatorStats(): Promise<void>;
  /** Loads the people of videos not loaded yet. */
  loadReviewActors(videoIds: readonly string[]): Promise<void>;
  /** The audit log of some tubes, newest first, each entry once. */
  fetchAudit(segmentIds: readonly string[]): Promise<EditEntry[] | null>;
  /** Review data changed somewhere: reload what is shown. */
  onReviewChanged(): void;
}

export const initialReviewState: ReviewState = {
  workQueue: null,
  reviewQueue: null,
  reviewStates: ['disputed'],
  reviewDetail: null,
  reviewDetailId: null,
  reviewDetailError: null,
  reviewFrameTimes: null,
  agreement: {},
  annotatorStats: null,
  reviewActors: {},
};

export const createReviewSlice: SliceCreator<ReviewSlice> = (client) => (set, get) => {
  const clientId = () => get().clientId;
  let reloadTimer: ReturnType<typeof setTimeout> | null = null;
  const actorsLoaded = new Set<string>();

  async function act<T>(what: string, fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (err) {
      get().notify('error', `Cannot ${what}. ${errorMessage(err)}`);
      return null;
    }
  }

  return {
    ...initialReviewState,
    async loadWorkQueue() {
      const q = await act('list your work', () => client.call('work.queue', {}));
      if (q) set({ workQueue: q });
    },
    async submitWork(videoId) {
      const r = await act('submit', () => client.call('work.submit', { clientId: clientId(), videoId }));
      if (r) await get().loadWorkQueue();
      return r;
    },
    setReviewStates(states) {
      set({ reviewStates: states });
      void get().loadReviewQueue();
    },
    async loadReviewQueue() {
      const states = get().reviewStates;
      const q = await act('list the review queue', () => client.call('review.queue', { states }));
      // A later filter wins over an answer to an earlier one.
      if (q && get().reviewStates === states) set({ reviewQueue: q });
    },
    async openReviewItem(itemId) {
      if (itemId !== get().reviewDetailId)
        set({ reviewDetailId: itemId, reviewDetail: null, reviewDetailError: null });
      if (itemId === null) return;
      try {
        const detail = await client.call('review.get', { itemId });
        const videoId = detail.item.videoId;
        if (get().reviewFrameTimes?.videoId !== videoId) {
          const { times } = await client.call('videos.frameTimes', { videoId });
          set({ reviewFrameTimes: { videoId, times } });
        }
        if (!get().videos[videoId]) await get().refreshVideo(videoId);
        void get().loadReviewActors([videoId]);
        if (get().reviewDetailId === itemId) set({ reviewDetail: detail, reviewDetailError: null });
      } catch (err) {
        if (get().reviewDetailId === itemId) set({ reviewDetailError: errorMessage(err) });
      }
    },
    async finalizeReview(segmentId, edit) {
      const itemId = get().reviewDetailId;
      if (!itemId) return null;
      const r = await act(edit ? 'make a final version' : 'accept the version', () =>
        client.call('review.finalize', { clientId: clientId(), itemId, segmentId, edit }),
      );
      if (!r) return null;
      await get().openReviewItem(itemId);
      return r.finalSegment;
    },
    async returnReview(annotatorId, comment) {
      const itemId = get().reviewDetailId;
      if (!itemId) return false;
      const request: RequestOf<'review.return'> = {
        clientId: clientId(),
        itemId,
        comment,
        ...(annotatorId ? { annotatorId } : {}),
      };
      const r = await act('return the item', () => client.call('review.return', request));
      if (!r) return false;
      await get().openReviewItem(itemId);
      return true;
    },
    async commentReview(text) {
      const itemId = get().reviewDetailId;
      if (!itemId) return false;
      const r = await act('comment', () => client.call('review.comment', { itemId, text }));
      if (!r) return false;
      await get().openReviewItem(itemId);
      return true;
    },
    async loadAgreement(level) {
      const r = await act('compute the agreement', () => client.call('review.agreement', { level }));
      if (r) set((s) => ({ agreement: { ...s.agreement, [level]: r } }));
    },
    async loadAnnotatorStats() {
      const r = await act('compute the annotator figures', () => client.call('review.annotators', {}));
      if (r) set({ annotatorStats: r });
    },
    async loadReviewActors(videoIds) {
      const missing = [...new Set(videoIds)].filter((id) => !actorsLoaded.has(id));
      if (missing.length === 0) return;
      for (const id of missing) actorsLoaded.add(id);
      try {
        const lists = await Promise.all(missing.map((videoId) => client.call('actors.list', { videoId })));
        set((s) => ({
          reviewActors: { ...s.reviewActors, ...Object.fromEntries(lists.flat().map((a) => [a.id, a])) },
        }));
      } catch {
        for (const id of missing) actorsLoaded.delete(id);
      }
    },
    async fetchAudit(segmentIds) {
      const lists = await act('read the audit log', () =>
        Promise.all(segmentIds.map((segmentId) => client.call('edits.list', { segmentId, limit: 10_000 }))),
      );
      if (!lists) return null;
      const byId = new Map<number, EditEntry>();
      for (const e of lists.flat()) byId.set(e.id, e);
      return [...byId.values()].sort((a, b) => b.id - a.id);
    },
    onReviewChanged() {
      // Several changes at once (a submit touches many tubes) reload once.
      if (reloadTimer) return;
      reloadTimer = setTimeout(() => {
        reloadTimer = null;
        const s = get();
        // Assignments decide which videos an annotator sees.
        if (currentRole(s) === 'annotator') void s.loadVideos();
        if (s.workQueue) void s.loadWorkQueue();
        if (s.reviewQueue) void s.loadReviewQueue();
        if (s.reviewDetailId) void s.openReviewItem(s.reviewDetailId);
        if (s.annotatorStats) void s.loadAnnotatorStats();
        for (const level of Object.keys(s.agreement)) void s.loadAgreement(Number(level));
      }, 150);
    },
  };
};
