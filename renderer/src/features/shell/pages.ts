import type { Role } from '../../../../shared/domain/user';
import type { RouteKind } from './routePaths';

/** Who may open a page (the engine checks every call anyway: this keeps people off pages that would fail). */
export function pageAllowed(kind: RouteKind, role: Role): boolean {
  switch (kind) {
    case 'library':
    case 'video':
    case 'taxonomy':
    case 'work':
      return true;
    case 'review':
    case 'reviewItem':
    case 'agreement':
    case 'models':
      return role === 'expert' || role === 'admin';
    case 'people':
    case 'assignments':
      return role === 'admin';
  }
}

/** Who a page is for, in words, for the "not allowed" message. */
export function pageAudience(kind: RouteKind): string {
  switch (kind) {
    case 'review':
    case 'reviewItem':
      return 'The review queue is for experts and admins.';
    case 'agreement':
      return 'Agreement figures are for experts and admins.';
    case 'models':
      return 'Training and running situation models is for experts and admins.';
    case 'people':
      return 'People and roles are managed by admins.';
    case 'assignments':
      return 'Assignments are made by admins.';
    case 'library':
    case 'video':
    case 'taxonomy':
    case 'work':
      return 'This page is open to everyone signed in.';
  }
}

export interface NavLink {
  kind: 'work' | 'library' | 'review' | 'agreement' | 'people' | 'assignments' | 'taxonomy' | 'models';
  text: string;
}

/**
 * The header's links for a role: annotators start from their work; reviewers from the library and the
 * queue; admins also manage people and assignments. An open project (nobody set up) has no review loop.
 */
export function navLinks(role: Role, open: boolean): NavLink[] {
  if (open)
    return [
      { kind: 'library', text: 'Library' },
      { kind: 'taxonomy', text: 'Taxonomy' },
      { kind: 'models', text: 'Models' },
    ];
  switch (role) {
    case 'annotator':
      return [
        { kind: 'work', text: 'My work' },
        { kind: 'library', text: 'Library' },
        { kind: 'taxonomy', text: 'Taxonomy' },
      ];
    case 'expert':
      return [
        { kind: 'library', text: 'Library' },
        { kind: 'review', text: 'Review' },
        { kind: 'agreement', text: 'Agreement' },
        { kind: 'models', text: 'Models' },
        { kind: 'work', text: 'My work' },
        { kind: 'taxonomy', text: 'Taxonomy' },
      ];
    case 'admin':
      return [
        { kind: 'library', text: 'Library' },
        { kind: 'review', text: 'Review' },
        { kind: 'agreement', text: 'Agreement' },
        { kind: 'people', text: 'People' },
        { kind: 'assignments', text: 'Assignments' },
        { kind: 'models', text: 'Models' },
        { kind: 'taxonomy', text: 'Taxonomy' },
      ];
  }
}
