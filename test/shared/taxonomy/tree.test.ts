import { describe, expect, it } from 'vitest';
import type { TaxonomyNode } from '../../../shared/domain/taxonomy';
import { buildTree, pathLabel } from '../../../shared/taxonomy/tree';

function node(id: string, parentId: string | null, order = 0, name = id): TaxonomyNode {
  return {
    id,
    parentId,
    name,
    definition: '',
    includes: '',
    excludes: '',
    example: '',
    deprecated: false,
    mergedInto: null,
    order,
  };
}

const nodes = [
  node('fall', null, 0, 'Fall'),
  node('walk', null, 1, 'Walking'),
  node('fall-forward', 'fall', 1, 'Fall forward'),
  node('fall-backward', 'fall', 0, 'Fall backward'),
  node('fall-forward-hands', 'fall-forward', 0, 'onto the hands'),
];
const tree = buildTree(nodes);

describe('buildTree', () => {
  it('gives roots level 1 and each generation one more', () => {
    expect(tree.levelOf('fall')).toBe(1);
    expect(tree.levelOf('walk')).toBe(1);
    expect(tree.levelOf('fall-forward')).toBe(2);
    expect(tree.levelOf('fall-forward-hands')).toBe(3);
    expect(tree.maxLevel).toBe(3);
  });

  it('gives a node unknown to it level 0 and an empty path', () => {
    expect(tree.levelOf('nothing')).toBe(0);
    expect(tree.pathOf('nothing')).toEqual([]);
  });

  it('gives the path root first', () => {
    expect(tree.pathOf('fall-forward-hands').map((n) => n.id)).toEqual([
      'fall',
      'fall-forward',
      'fall-forward-hands',
    ]);
    expect(pathLabel(tree, 'fall-forward-hands')).toBe('Fall › Fall forward › onto the hands');
    expect(pathLabel(tree, 'walk')).toBe('Walking');
  });

  it('lists children in their order, roots under null', () => {
    expect(tree.childrenOf(null).map((n) => n.id)).toEqual(['fall', 'walk']);
    expect(tree.childrenOf('fall').map((n) => n.id)).toEqual(['fall-backward', 'fall-forward']);
    expect(tree.childrenOf('walk')).toEqual([]);
  });

  it('finds the ancestor at a level (the node itself at its own level, null below it)', () => {
    expect(tree.ancestorAtLevel('fall-forward-hands', 1)?.id).toBe('fall');
    expect(tree.ancestorAtLevel('fall-forward-hands', 2)?.id).toBe('fall-forward');
    expect(tree.ancestorAtLevel('fall-forward-hands', 3)?.id).toBe('fall-forward-hands');
    expect(tree.ancestorAtLevel('fall-forward', 3)).toBeNull();
    expect(tree.ancestorAtLevel('fall', 0)).toBeNull();
  });

  it('says whether a node lies within another', () => {
    expect(tree.isWithin('fall-forward-hands', 'fall')).toBe(true);
    expect(tree.isWithin('fall-forward-hands', 'fall-forward')).toBe(true);
    expect(tree.isWithin('fall', 'fall')).toBe(true);
    expect(tree.isWithin('fall', 'fall-forward')).toBe(false);
    expect(tree.isWithin('fall-backward', 'fall-forward')).toBe(false);
    expect(tree.isWithin('walk', 'fall')).toBe(false);
  });

  it('puts a node whose parent it does not hold among the roots', () => {
    const orphaned = buildTree([node('a', null), node('b', 'missing')]);
    expect(
      orphaned
        .childrenOf(null)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('does not loop on a cycle', () => {
    const cyclic = buildTree([node('a', 'b'), node('b', 'a')]);
    expect(cyclic.pathOf('a').map((n) => n.id)).toEqual(['b', 'a']);
    expect(cyclic.levelOf('b')).toBe(2);
  });
});
