import type { Page } from 'playwright-core';
import { ffmpeg } from '../../support/media';

/** Bits of the frame number burned into each frame, and the size of one block. */
export const BITS = 12;
export const BLOCK = 32;
const WIDTH = BITS * BLOCK;

/**
 * The frame number N in machine-readable form: a row of BITS blocks, white for 1 and black for 0 (most
 * significant first), and below it a row with the complement, so that a misread shows.
 */
function bitsFilter(): string {
  const bit = `mod(floor(N/pow(2\\,${BITS - 1}-floor(X/SW/${BLOCK})))\\,2)`;
  const lum = `if(lt(Y/SH\\,${BLOCK})\\,255*${bit}\\,if(lt(Y/SH\\,${2 * BLOCK})\\,255*(1-${bit})\\,lum(X\\,Y)))`;
  const chroma = (p: string) => `if(lt(Y/SH\\,${2 * BLOCK})\\,128\\,${p}(X\\,Y))`;
  return `geq=lum='${lum}':cb='${chroma('cb')}':cr='${chroma('cr')}'`;
}

export interface BitsClipOptions {
  frames: number;
  fps: number;
  /** Frames between keyframes. */
  gop: number;
  /** From this frame on, frames last twice as long (variable frame rate: the player gets a proxy). */
  slowFrom?: number;
}

/** A synthetic H.264 clip (testsrc2 under the bits) whose frames carry their own numbers. */
export async function makeBitsClip(out: string, o: BitsClipOptions): Promise<void> {
  const filters = [bitsFilter()];
  if (o.slowFrom !== undefined) {
    const f = o.slowFrom;
    filters.push(`setpts='if(lt(N\\,${f})\\,N/${o.fps}\\,${f}/${o.fps}+(N-${f})*2/${o.fps})/TB'`);
  }
  await ffmpeg([
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${WIDTH}x288:rate=${o.fps}`,
    '-frames:v',
    String(o.frames),
    '-vf',
    filters.join(','),
    // Timestamps as set above; no B-frames (this ffmpeg's x264 mangles reordered frames with them here).
    ...(o.slowFrom !== undefined ? ['-vsync', '0', '-bf', '0'] : []),
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(o.gop),
    out,
  ]);
}

/** The frame number burned into the picture the <video> shows now, read by drawing it to a canvas. */
export async function readBurnedFrame(page: Page): Promise<number> {
  const r = await page.evaluate(
    ({ bits, block }) => {
      const v = document.querySelector('video');
      if (!v || v.videoWidth === 0) return { value: -1, complement: -1 };
      const c = document.createElement('canvas');
      c.width = v.videoWidth;
      c.height = v.videoHeight;
      const ctx = c.getContext('2d', { willReadFrequently: true });
      if (!ctx) return { value: -1, complement: -1 };
      ctx.drawImage(v, 0, 0);
      const read = (row: number) => {
        let n = 0;
        for (let i = 0; i < bits; i++) {
          const [r, g, b] = ctx.getImageData(i * block + block / 2, row * block + block / 2, 1, 1).data;
          const lum = 0.299 * (r ?? 0) + 0.587 * (g ?? 0) + 0.114 * (b ?? 0);
          n = n * 2 + (lum > 128 ? 1 : 0);
        }
        return n;
      };
      return { value: read(0), complement: read(1) };
    },
    { bits: BITS, block: BLOCK },
  );
  if (r.value < 0 || (r.value ^ r.complement) !== (1 << BITS) - 1) {
    throw new Error(`the frame number in the picture does not read (${r.value}, ${r.complement})`);
  }
  return r.value;
}

/** A small grey picture of what the <video> shows now (as `grayPixels` makes of a decoded frame). */
export async function displayedGrayPixels(page: Page, width: number, height: number): Promise<Buffer> {
  const data = await page.evaluate(
    ({ width, height }) => {
      const v = document.querySelector('video');
      if (!v) return [];
      const c = document.createElement('canvas');
      c.width = width;
      c.height = height;
      const ctx = c.getContext('2d', { willReadFrequently: true });
      if (!ctx) return [];
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(v, 0, 0, width, height);
      const px = ctx.getImageData(0, 0, width, height).data;
      const out: number[] = [];
      for (let i = 0; i < px.length; i += 4)
        out.push(Math.round(0.299 * (px[i] ?? 0) + 0.587 * (px[i + 1] ?? 0) + 0.114 * (px[i + 2] ?? 0)));
      return out;
    },
    { width, height },
  );
  return Buffer.from(data);
}
