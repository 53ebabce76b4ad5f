import type { Video } from '../../../shared/domain/video';
import type { VideoRemoval } from '../../../shared/domain/videoRemoval';
import { errorMessage } from '../api/client';
import type { SliceCreator } from './types';

export interface VideosState {
  videos: Record<string, Video>;
  /** Ids in library order (by import time). */
  videoOrder: string[];
  videosLoaded: boolean;
}

export interface VideosSlice extends VideosState {
  loadVideos(): Promise<void>;
  refreshVideo(videoId: string): Promise<void>;
  forgetVideo(videoId: string): void;
  /** What removing the video would delete, to show before asking; null (and a notice) where it cannot be read. */
  previewRemoval(videoId: string): Promise<VideoRemoval | null>;
  /** Removes the video with the tubes the caller was shown; whether it was removed (else a notice says why). */
  removeVideo(videoId: string, discardTubes: number): Promise<boolean>;
}

export const initialVideosState: VideosState = { videos: {}, videoOrder: [], videosLoaded: false };

function ordered(videos: Record<string, Video>): string[] {
  return Object.values(videos)
    .sort((a, b) => a.importedAt.localeCompare(b.importedAt) || a.name.localeCompare(b.name))
    .map((v) => v.id);
}

export const createVideosSlice: SliceCreator<VideosSlice> = (client) => (set, get) => ({
  ...initialVideosState,
  async loadVideos() {
    try {
      const list = await client.call('videos.list', {});
      const videos = Object.fromEntries(list.map((v) => [v.id, v]));
      set({ videos, videoOrder: ordered(videos), videosLoaded: true });
    } catch (err) {
      get().notify('error', `Cannot list the videos: ${errorMessage(err)}`);
    }
  },
  async refreshVideo(videoId) {
    try {
      const video = await client.call('videos.get', { videoId });
      set((s) => {
        const videos = { ...s.videos, [video.id]: video };
        return { videos, videoOrder: ordered(videos) };
      });
    } catch {
      get().forgetVideo(videoId);
    }
  },
  forgetVideo(videoId) {
    set((s) => {
      if (!(videoId in s.videos)) return s;
      const { [videoId]: _gone, ...videos } = s.videos;
      return { videos, videoOrder: ordered(videos) };
    });
  },
  async previewRemoval(videoId) {
    try {
      return await client.call('videos.removePreview', { videoId });
    } catch (err) {
      get().notify('error', `Cannot remove the video: ${errorMessage(err)}`);
      return null;
    }
  },
  async removeVideo(videoId, discardTubes) {
    try {
      await client.call('videos.remove', { videoId, discardTubes });
      get().forgetVideo(videoId);
      return true;
    } catch (err) {
      get().notify('error', `Cannot remove the video: ${errorMessage(err)}`);
      return false;
    }
  },
});
