import { migration001 } from './001_initial';
import { migration002 } from './002_annotation';
import { migration003 } from './003_job_kinds';
import { migration004 } from './004_poses';
import { migration005 } from './005_review';
import { migration006 } from './006_classifier';
import { migration007 } from './007_pose_tracks_per_video';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
];

export const LATEST_SCHEMA_VERSION = migrations.length;
