import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/domain/user';
import { navLinks, pageAllowed, pageAudience } from '../../../renderer/src/features/shell/pages';
import type { RouteKind } from '../../../renderer/src/features/shell/routePaths';

const ROLES: Role[] = ['annotator', 'expert', 'admin'];
const KINDS: RouteKind[] = [
  'library',
  'video',
  'taxonomy',
  'people',
  'assignments',
  'work',
  'review',
  'reviewItem',
  'agreement',
  'models',
];

describe('pages per role', () => {
  it('keeps annotators off the review queue, agreement, models, people and assignments', () => {
    const allowed = KINDS.filter((k) => pageAllowed(k, 'annotator'));
    expect(allowed).toEqual(['library', 'video', 'taxonomy', 'work']);
  });

  it('lets experts review and read agreement, but not manage people or assignments', () => {
    const refused = KINDS.filter((k) => !pageAllowed(k, 'expert'));
    expect(refused).toEqual(['people', 'assignments']);
  });

  it('lets admins open every page', () => {
    expect(KINDS.every((k) => pageAllowed(k, 'admin'))).toBe(true);
  });

  it('says who a refused page is for', () => {
    expect(pageAudience('reviewItem')).toBe('The review queue is for experts and admins.');
    expect(pageAudience('people')).toMatch(/admins/);
  });

  it('links in the header only pages the role may open', () => {
    for (const role of ROLES) {
      for (const link of navLinks(role, false)) expect(pageAllowed(link.kind, role)).toBe(true);
    }
    expect(navLinks('annotator', false).map((l) => l.kind)).toEqual(['work', 'library', 'taxonomy']);
    expect(navLinks('admin', false).map((l) => l.kind)).toContain('people');
    expect(navLinks('expert', false).map((l) => l.kind)).not.toContain('people');
  });

  it('shows an open project the library, the taxonomy and the models, and no review loop', () => {
    expect(navLinks('admin', true).map((l) => l.text)).toEqual(['Library', 'Taxonomy', 'Models']);
  });

  it('offers the Models page to experts and admins only', () => {
    expect(ROLES.filter((r) => navLinks(r, false).some((l) => l.kind === 'models'))).toEqual([
      'expert',
      'admin',
    ]);
    expect(pageAudience('models')).toMatch(/experts and admins/);
  });
});
