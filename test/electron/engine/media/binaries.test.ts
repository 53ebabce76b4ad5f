import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AmeliaError } from '../../../../shared/contract/envelope';
import {
  ffmpegCandidates,
  parseVersionBanner,
  resolveMediaBinaries,
} from '../../../../electron/engine/media/binaries';
import { runProcess } from '../../../../electron/engine/media/processes';
import { tempDir } from '../../../support/tempProject';

describe('parseVersionBanner', () => {
  it('reads the version and copyright year of a release build', () => {
    expect(
      parseVersionBanner(
        'ffmpeg version 6.1.1-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2023 the FFmpeg developers\nbuilt with gcc 8',
      ),
    ).toEqual({ version: '6.1.1-static', year: 2023 });
  });

  it('reads ffprobe and git builds, with Windows line ends', () => {
    expect(
      parseVersionBanner(
        'ffprobe version N-66595-gc2b38619c0-static Copyright (c) 2007-2023 the FFmpeg developers\r\nx',
      ),
    ).toEqual({
      version: 'N-66595-gc2b38619c0-static',
      year: 2023,
    });
  });

  it('gives year 0 where there is no copyright line', () => {
    expect(parseVersionBanner('ffmpeg version 4.4')).toEqual({ version: '4.4', year: 0 });
  });

  it('refuses what is not an ffmpeg banner, or has it anywhere but the first line', () => {
    expect(parseVersionBanner('')).toBeNull();
    expect(parseVersionBanner('avconv version 12')).toBeNull();
    expect(parseVersionBanner('warning: something\nffmpeg version 6.0 Copyright (c) 2000-2023')).toBeNull();
  });

  it('agrees with the resolved binaries', async () => {
    const b = await resolveMediaBinaries();
    for (const bin of [b.ffmpeg, b.ffprobe]) {
      const r = await runProcess(bin.path, ['-version']);
      expect(parseVersionBanner(r.stdout)).toEqual({ version: bin.version, year: bin.year });
    }
    expect(b.ffmpeg.hasLibx264).toBe(true);
  });
});

describe('resolveMediaBinaries', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('puts an explicit AMELIA_FFMPEG first', () => {
    const c = ffmpegCandidates({ AMELIA_FFMPEG: '/opt/ff/ffmpeg', PATH: '' });
    expect(c[0]).toEqual({ path: '/opt/ff/ffmpeg', source: 'AMELIA_FFMPEG', explicit: true });
  });

  it('refuses an explicit ffmpeg that does not run, naming the variable and the path', async () => {
    const fake = join(dir.dir, 'ffmpeg');
    writeFileSync(fake, '#!/bin/sh\necho "not ffmpeg"\n');
    chmodSync(fake, 0o755);
    const err = await resolveMediaBinaries({ AMELIA_FFMPEG: fake, PATH: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmeliaError);
    expect((err as AmeliaError).code).toBe('media_error');
    expect((err as AmeliaError).message).toBe(
      `AMELIA_FFMPEG names ${fake}, which does not run as ffmpeg: fix or unset it.`,
    );
  });
});
