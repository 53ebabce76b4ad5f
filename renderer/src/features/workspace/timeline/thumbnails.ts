import { mediaUrl } from '../../../../../shared/contract/transport';
import type { Video } from '../../../../../shared/domain/video';
import type { Thumbnails } from './drawTimeline';

/** The video's thumbnail strip, loaded image by image as the timeline first needs each. */
export function thumbnailsOf(video: Video, onLoad: () => void): Thumbnails | null {
  if (video.thumbnailFrames.length === 0) return null;
  const cache = new Map<number, HTMLImageElement>();
  return {
    frames: video.thumbnailFrames,
    aspect: video.width / video.height,
    image(index) {
      let img = cache.get(index);
      if (!img) {
        img = new Image();
        img.decoding = 'async';
        img.onload = onLoad;
        img.src = mediaUrl(video.id, { kind: 'thumb', index });
        cache.set(index, img);
      }
      return img;
    },
  };
}
