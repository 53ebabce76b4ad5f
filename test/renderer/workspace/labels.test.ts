import { describe, expect, it } from 'vitest';
import { searchLabels, treeRows } from '../../../renderer/src/features/workspace/labels/labelSearch';
import { quickLabels } from '../../../renderer/src/features/workspace/labels/quickLabels';
import { byId, segment, smallTree } from './fixtures';

describe('label search', () => {
  const tree = smallTree();

  it('lists the tree depth first, with depths', () => {
    expect(treeRows(tree).map((r) => `${r.depth}:${r.node.id}`)).toEqual([
      '0:fall',
      '1:fall-forward',
      '2:fall-forward-hands',
      '0:locomotion',
      '1:walking',
      '2:walk',
      '2:shuffle',
    ]);
  });

  it('ranks the whole name first, then names that start with the words, then paths and definitions', () => {
    expect(searchLabels(tree, 'walk').map((n) => n.id)).toEqual(['walk', 'walking', 'shuffle']);
    expect(searchLabels(tree, 'onto hands').map((n) => n.id)).toEqual(['fall-forward-hands']);
    expect(searchLabels(tree, 'FALL')[0]?.id).toBe('fall');
    expect(searchLabels(tree, 'definition of walk').map((n) => n.id)).toEqual(['walking', 'walk', 'shuffle']);
    expect(searchLabels(tree, 'nothing like this')).toEqual([]);
  });
});

describe('number-key labels', () => {
  const tree = smallTree();

  it('puts the most used first, recent ones breaking ties, and offers no deprecated node', () => {
    const usage = {
      recent: ['walk', 'fall-forward-hands'],
      counts: { 'fall-forward-hands': 1, walk: 1, shuffle: 9 },
    };
    expect(quickLabels(usage, tree, {})).toEqual(['walk', 'fall-forward-hands']);
    const segs = byId([segment('s1', 'a1', 0, 5, 'fall-forward-hands'), segment('s2', 'a1', 6, 9, 'fall')]);
    expect(quickLabels(usage, tree, segs)).toEqual(['fall-forward-hands', 'walk', 'fall']);
  });

  it('offers at most nine', () => {
    const counts = Object.fromEntries(treeRows(tree).map((r, i) => [r.node.id, i + 1]));
    const usage = { recent: [], counts };
    expect(quickLabels(usage, tree, {}).length).toBeLessThanOrEqual(9);
    expect(quickLabels(usage, null, {})).toEqual([]);
  });
});
