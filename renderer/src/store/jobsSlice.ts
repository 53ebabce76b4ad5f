import type { Job } from '../../../shared/domain/job';
import { errorMessage } from '../api/client';
import type { SliceCreator } from './types';

export interface JobsState {
  jobs: Record<string, Job>;
}

export interface JobsSlice extends JobsState {
  loadJobs(): Promise<void>;
  applyJob(job: Job): void;
  cancelJob(jobId: string): Promise<void>;
  retryJob(jobId: string): Promise<void>;
}

export const initialJobsState: JobsState = { jobs: {} };

export const createJobsSlice: SliceCreator<JobsSlice> = (client) => (set, get) => ({
  ...initialJobsState,
  async loadJobs() {
    try {
      const list = await client.call('jobs.list', {});
      set({ jobs: Object.fromEntries(list.map((j) => [j.id, j])) });
    } catch (err) {
      get().notify('error', `Cannot list the jobs: ${errorMessage(err)}`);
    }
  },
  applyJob(job) {
    set((s) => ({ jobs: { ...s.jobs, [job.id]: job } }));
  },
  async cancelJob(jobId) {
    try {
      get().applyJob(await client.call('jobs.cancel', { jobId }));
    } catch (err) {
      get().notify('error', `Cannot cancel: ${errorMessage(err)}`);
    }
  },
  async retryJob(jobId) {
    try {
      get().applyJob(await client.call('jobs.retry', { jobId }));
    } catch (err) {
      get().notify('error', `Cannot run it again: ${errorMessage(err)}`);
    }
  },
});

/** The latest job of each kind for a video. */
export function latestJobsOf(jobs: Record<string, Job>, videoId: string): Job[] {
  const byKind = new Map<string, Job>();
  for (const j of Object.values(jobs)) {
    if (j.videoId !== videoId) continue;
    const prev = byKind.get(j.kind);
    if (!prev || prev.createdAt <= j.createdAt) byKind.set(j.kind, j);
  }
  return [...byKind.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}
