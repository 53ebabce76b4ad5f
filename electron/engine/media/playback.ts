import { extname } from 'node:path';
import type { ProbeResult } from './probe';

export interface PlaybackPlan {
  needsProxy: boolean;
  /** Why the browser cannot play the original, for people; null where it can. */
  reason: string | null;
  /** Frame rate of the proxy: the source's own where it is constant, else that of its commonest interval. */
  proxyRate: { text: string; fps: number };
}

const BROWSER_PIXEL_FORMATS = new Set(['yuv420p', 'yuvj420p']);

const CODEC_NAMES: Record<string, string> = {
  mpeg4: 'MPEG-4 Part 2',
  msmpeg4v3: 'MS MPEG-4 v3',
  mjpeg: 'Motion JPEG',
  hevc: 'HEVC (H.265)',
  h264: 'H.264',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  mpeg2video: 'MPEG-2',
  prores: 'ProRes',
  rawvideo: 'uncompressed video',
};

function codecName(codec: string): string {
  return CODEC_NAMES[codec] ?? codec;
}

type Family = 'mp4' | 'quicktime' | 'webm' | 'other';

function containerFamily(p: Pick<ProbeResult, 'container' | 'majorBrand'>, path: string): Family {
  const ext = extname(path).toLowerCase();
  if (p.container.includes('mp4')) {
    if (p.majorBrand === 'qt' || ext === '.mov') return 'quicktime';
    return 'mp4';
  }
  if (p.container.includes('webm') && ext === '.webm') return 'webm';
  return 'other';
}

function containerName(p: Pick<ProbeResult, 'container' | 'containerLongName'>, family: Family): string {
  switch (family) {
    case 'mp4':
      return 'MP4';
    case 'quicktime':
      return 'QuickTime';
    case 'webm':
      return 'WebM';
    case 'other':
      return p.container.split(',')[0]?.toUpperCase() ?? p.containerLongName;
  }
}

/**
 * Whether Chromium (the Electron window and our browser tests) plays the original frame-exactly, and if not,
 * why. A proxy is made for anything else: other codecs and containers, pixel formats browsers cannot
 * decode, variable frame rate (a media element cannot step its frames exactly) and display rotation
 * (so that the pixels on screen are the coordinate space of boxes and poses).
 */
export function playbackPlan(p: ProbeResult, path: string): PlaybackPlan {
  const reasons: string[] = [];
  const family = containerFamily(p, path);
  const codecOk =
    (family === 'mp4' && (p.codec === 'h264' || p.codec === 'av1' || p.codec === 'vp9')) ||
    (family === 'webm' && (p.codec === 'vp8' || p.codec === 'vp9' || p.codec === 'av1'));
  if (!codecOk) {
    reasons.push(`${codecName(p.codec)} in ${containerName(p, family)}`);
  } else if (!BROWSER_PIXEL_FORMATS.has(p.pixelFormat)) {
    reasons.push(`${codecName(p.codec)} with pixel format ${p.pixelFormat}, which browsers cannot decode`);
  }
  if (p.variableFrameRate) reasons.push('variable frame rate');
  if (p.rotation !== 0) reasons.push(`rotated ${p.rotation}° for display`);
  const proxyRate = { text: p.typicalRateText, fps: p.typicalFps };
  return {
    needsProxy: reasons.length > 0,
    reason: reasons.length > 0 ? reasons.join('; ') : null,
    proxyRate,
  };
}
