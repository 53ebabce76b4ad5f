import type { MethodName } from '../contract/api';
import type { Role } from '../domain/user';

/**
 * Who may call a method: anyone (signing in), or the roles listed. The engine checks this on every call,
 * whatever the host; finer rules (an annotator's own tubes, submitted work locked) are the services'.
 */
export type Access = 'public' | readonly Role[];

const ALL: readonly Role[] = ['annotator', 'expert', 'admin'];
const REVIEWERS: readonly Role[] = ['expert', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

export const METHOD_ACCESS: { readonly [M in MethodName]: Access } = {
  'auth.status': 'public',
  'auth.signIn': 'public',
  'auth.signOut': 'public',
  'auth.pickProfile': 'public',
  'users.list': ALL,
  'users.create': ADMIN,
  'users.update': ADMIN,
  'users.setPassword': ALL,

  'system.info': ALL,
  'videos.list': ALL,
  'videos.get': ALL,
  'videos.frameTimes': ALL,
  'videos.import': REVIEWERS,
  'videos.removePreview': ADMIN,
  'videos.remove': ADMIN,
  'jobs.list': ALL,
  'jobs.cancel': REVIEWERS,
  'jobs.retry': REVIEWERS,

  'taxonomy.get': ALL,
  'taxonomy.history': ALL,
  'taxonomy.export': ALL,
  'taxonomy.addNode': REVIEWERS,
  'taxonomy.updateNode': REVIEWERS,
  'taxonomy.moveNode': REVIEWERS,
  'taxonomy.deprecateNode': REVIEWERS,
  'taxonomy.mergeNodes': REVIEWERS,
  'taxonomy.import': REVIEWERS,

  'actors.list': ALL,
  'actors.create': ALL,
  'actors.update': ALL,
  'actors.remove': ALL,
  'segments.list': ALL,
  'segments.create': ALL,
  'segments.update': ALL,
  'segments.setKeyframe': ALL,
  'segments.removeKeyframe': ALL,
  'segments.split': ALL,
  'segments.merge': ALL,
  'segments.remove': ALL,
  'edits.undo': ALL,
  'edits.redo': ALL,
  'edits.state': ALL,
  'edits.skipUndo': ALL,
  'edits.list': REVIEWERS,

  'review.settings': ALL,
  'review.updateSettings': ADMIN,
  'assignments.list': REVIEWERS,
  'assignments.create': ADMIN,
  'assignments.remove': ADMIN,
  'work.queue': ALL,
  'work.submit': ALL,
  'review.queue': REVIEWERS,
  'review.get': REVIEWERS,
  'review.finalize': REVIEWERS,
  'review.return': REVIEWERS,
  'review.comment': REVIEWERS,
  'review.agreement': REVIEWERS,
  'review.annotators': REVIEWERS,

  'exports.preview': REVIEWERS,
  'exports.start': REVIEWERS,
  'imports.preview': REVIEWERS,
  'imports.commit': REVIEWERS,

  'poses.backends': ALL,
  'poses.extract': REVIEWERS,
  'poses.summary': ALL,
  'poses.get': ALL,
  'poses.tracks': ALL,
  'poses.tracksToActors': REVIEWERS,

  // The registry's list (names, classes, scores) for everyone; what names recordings and people (a model's
  // dataset, card, comparison, inference runs) and what spends the machine or makes tubes for reviewers.
  'models.list': ALL,
  'models.get': REVIEWERS,
  'models.card': REVIEWERS,
  'models.compare': REVIEWERS,
  'models.dataset': REVIEWERS,
  'models.train': REVIEWERS,
  'models.infer': REVIEWERS,
  'models.predictions': REVIEWERS,
  'models.toPreLabels': REVIEWERS,
  'models.remove': ADMIN,
};

export function allowed(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  return role !== null && access.includes(role);
}
