import { accessSync, chmodSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import type { BinaryInfo } from '../../../shared/contract/api';
import { AmeliaError } from '../../../shared/contract/envelope';
import { runProcess } from './processes';

export interface FfmpegInfo extends BinaryInfo {
  /** Year of the build's copyright line: how new it is, for builds without a release number. */
  year: number;
  hasLibx264: boolean;
  /** `-fps_mode` (ffmpeg 5.1 on) rather than the older `-vsync`. */
  hasFpsMode: boolean;
}

export interface MediaBinaries {
  ffmpeg: FfmpegInfo;
  ffprobe: BinaryInfo & { year: number };
}

interface Candidate {
  path: string;
  source: string;
  /** An explicit choice by the user: used as it is, or an error. */
  explicit: boolean;
}

const requireHere = createRequire(import.meta.url);
const exe = process.platform === 'win32' ? '.exe' : '';

/** Paths inside an Electron app archive live unpacked beside it. */
function unpacked(path: string): string {
  return path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

function fromPackage(name: string, pick: (mod: unknown) => unknown): string | null {
  try {
    const value = pick(requireHere(name));
    return typeof value === 'string' && value.length > 0 ? unpacked(value) : null;
  } catch {
    return null;
  }
}

function onPath(program: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, program + exe);
    if (existsSync(p)) return p;
  }
  return null;
}

function pathProp(mod: unknown): unknown {
  return typeof mod === 'object' && mod !== null && 'path' in mod
    ? (mod as { path: unknown }).path
    : undefined;
}

function ensureExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
  } catch {
    return false;
  }
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    // npm may have skipped a package's `chmod +x` install script: mend it where we may.
    try {
      chmodSync(path, 0o755);
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }
}

export function ffmpegCandidates(env: NodeJS.ProcessEnv = process.env): Candidate[] {
  const out: Candidate[] = [];
  const fromEnv = env.AMELIA_FFMPEG ?? env.FFMPEG_PATH;
  if (fromEnv)
    out.push({ path: fromEnv, source: env.AMELIA_FFMPEG ? 'AMELIA_FFMPEG' : 'FFMPEG_PATH', explicit: true });
  const stat = fromPackage('ffmpeg-static', (m) => m);
  if (stat) out.push({ path: stat, source: 'ffmpeg-static', explicit: false });
  const inst = fromPackage('@ffmpeg-installer/ffmpeg', pathProp);
  if (inst) out.push({ path: inst, source: '@ffmpeg-installer/ffmpeg', explicit: false });
  const sys = onPath('ffmpeg', env);
  if (sys) out.push({ path: sys, source: 'PATH', explicit: false });
  return out;
}

export function ffprobeCandidates(
  ffmpegPath: string | null,
  env: NodeJS.ProcessEnv = process.env,
): Candidate[] {
  const out: Candidate[] = [];
  const fromEnv = env.AMELIA_FFPROBE ?? env.FFPROBE_PATH;
  if (fromEnv)
    out.push({
      path: fromEnv,
      source: env.AMELIA_FFPROBE ? 'AMELIA_FFPROBE' : 'FFPROBE_PATH',
      explicit: true,
    });
  const inst = fromPackage('@ffprobe-installer/ffprobe', pathProp);
  if (inst) out.push({ path: inst, source: '@ffprobe-installer/ffprobe', explicit: false });
  const stat = fromPackage('ffprobe-static', pathProp);
  if (stat) out.push({ path: stat, source: 'ffprobe-static', explicit: false });
  if (ffmpegPath) {
    const sibling = join(dirname(ffmpegPath), 'ffprobe' + exe);
    if (existsSync(sibling)) out.push({ path: sibling, source: 'beside ffmpeg', explicit: false });
  }
  const sys = onPath('ffprobe', env);
  if (sys) out.push({ path: sys, source: 'PATH', explicit: false });
  return out;
}

/** `ffmpeg version 6.1.1-static … Copyright (c) 2000-2023 …` → version and year. */
export function parseVersionBanner(text: string): { version: string; year: number } | null {
  const first = text.split(/\r?\n/)[0] ?? '';
  const m = /^ff(?:mpeg|probe) version (\S+)/.exec(first);
  if (!m) return null;
  const y = /Copyright \(c\) \d{4}-(\d{4})/.exec(first);
  return { version: m[1] as string, year: y ? Number(y[1]) : 0 };
}

async function versionOf(path: string): Promise<{ version: string; year: number } | null> {
  if (!ensureExecutable(path)) return null;
  try {
    const r = await runProcess(path, ['-version'], { timeoutMs: 15_000 });
    if (r.code !== 0) return null;
    return parseVersionBanner(r.stdout);
  } catch {
    return null;
  }
}

async function ffmpegCapabilities(path: string): Promise<{ hasLibx264: boolean; hasFpsMode: boolean }> {
  const [enc, help] = await Promise.all([
    runProcess(path, ['-hide_banner', '-encoders'], { timeoutMs: 15_000 }).catch(() => null),
    runProcess(path, ['-hide_banner', '-h', 'long'], { timeoutMs: 15_000 }).catch(() => null),
  ]);
  return {
    hasLibx264: enc !== null && /\blibx264\b/.test(enc.stdout),
    hasFpsMode: help !== null && /-fps_mode\b/.test(help.stdout),
  };
}

interface Checked extends Candidate {
  version: string;
  year: number;
}

async function check(candidates: Candidate[], what: string): Promise<Checked[]> {
  const explicit = candidates.find((c) => c.explicit);
  if (explicit) {
    const v = await versionOf(explicit.path);
    if (!v) {
      throw new AmeliaError(
        'media_error',
        `${explicit.source} names ${explicit.path}, which does not run as ${what}: fix or unset it.`,
      );
    }
    return [{ ...explicit, ...v }];
  }
  const checked: Checked[] = [];
  for (const c of candidates) {
    const v = await versionOf(c.path);
    if (v) checked.push({ ...c, ...v });
  }
  // Newest build first; for equal years, the order above (packages before PATH).
  return checked.sort((a, b) => b.year - a.year);
}

async function resolve(env: NodeJS.ProcessEnv): Promise<MediaBinaries> {
  const ffmpegs = await check(ffmpegCandidates(env), 'ffmpeg');
  let ffmpeg: FfmpegInfo | null = null;
  for (const c of ffmpegs) {
    const caps = await ffmpegCapabilities(c.path);
    const info: FfmpegInfo = { path: c.path, version: c.version, source: c.source, year: c.year, ...caps };
    if (caps.hasLibx264 || c.explicit) {
      ffmpeg = info;
      break;
    }
    ffmpeg ??= info;
  }
  if (!ffmpeg) {
    throw new AmeliaError(
      'media_error',
      'No working ffmpeg was found. Reinstall amelia (npm install brings one), put ffmpeg on PATH, or set AMELIA_FFMPEG to its path.',
    );
  }
  const ffprobes = await check(ffprobeCandidates(ffmpeg.path, env), 'ffprobe');
  const probe = ffprobes[0];
  if (!probe) {
    throw new AmeliaError(
      'media_error',
      'No working ffprobe was found. Reinstall amelia (npm install brings one), put ffprobe on PATH, or set AMELIA_FFPROBE to its path.',
    );
  }
  return {
    ffmpeg,
    ffprobe: { path: probe.path, version: probe.version, source: probe.source, year: probe.year },
  };
}

let cached: Promise<MediaBinaries> | null = null;

/** Finds ffmpeg and ffprobe once per process: an environment variable, npm packages, then PATH. */
export function resolveMediaBinaries(env: NodeJS.ProcessEnv = process.env): Promise<MediaBinaries> {
  if (env !== process.env) return resolve(env);
  cached ??= resolve(env).catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

export function describeBinaries(b: MediaBinaries): string {
  return [
    `ffmpeg ${b.ffmpeg.version} (${b.ffmpeg.source}): ${b.ffmpeg.path}`,
    `ffprobe ${b.ffprobe.version} (${b.ffprobe.source}): ${b.ffprobe.path}`,
  ].join('\n');
}
