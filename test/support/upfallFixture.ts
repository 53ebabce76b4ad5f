import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './data';

/** test/fixtures/classifier/upfall-situations.json: the UP-Fall clips' situation labels made with amelia. */
const tubeSchema = z.object({
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  label: z.string(),
  /** Keyframes: x, y, width, height (video pixels), frame. */
  boxes: z.array(z.tuple([z.number(), z.number(), z.number(), z.number(), z.number().int()])),
});

export const upfallFixtureSchema = z.object({
  format: z.literal('amelia-upfall-situations'),
  formatVersion: z.literal(1),
  description: z.string(),
  howPhasesWereFound: z.string(),
  recordingPattern: z.string(),
  clips: z.array(
    z.object({
      clip: z.string(),
      frameCount: z.number().int().positive(),
      activity: z.number().int(),
      trial: z.number().int(),
      camera: z.number().int(),
      actor: z.string(),
      tubes: z.array(tubeSchema),
    }),
  ),
});
export type UpfallFixture = z.infer<typeof upfallFixtureSchema>;

export const UPFALL_FIXTURE = join(REPO_ROOT, 'test/fixtures/classifier/upfall-situations.json');

export function readUpfallFixture(): UpfallFixture {
  return upfallFixtureSchema.parse(JSON.parse(readFileSync(UPFALL_FIXTURE, 'utf8')));
}
