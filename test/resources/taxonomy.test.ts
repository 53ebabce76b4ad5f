import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaxonomyDocument } from '../../shared/taxonomy/document';
import { taxonomyDocumentProblems, taxonomyDocumentSchema } from '../../shared/taxonomy/document';
import { buildTree } from '../../shared/taxonomy/tree';
import type { TaxonomyNode } from '../../shared/domain/taxonomy';
import { dataPath, hasData } from '../support/data';

const FILE = resolve(import.meta.dirname, '../../resources/taxonomy/assisted-living.json');
const raw: unknown = JSON.parse(readFileSync(FILE, 'utf8'));

function parsed(): TaxonomyDocument {
  return taxonomyDocumentSchema.parse(raw);
}

function treeOf(doc: TaxonomyDocument) {
  return buildTree(
    doc.nodes.map((n, i): TaxonomyNode => ({
      id: n.id,
      parentId: n.parent,
      name: n.name,
      definition: n.definition,
      includes: n.includes,
      excludes: n.excludes,
      example: n.example,
      deprecated: n.deprecated,
      mergedInto: n.mergedInto,
      order: i,
    })),
  );
}

/**
 * What the default taxonomy must cover, each a node found by a pattern on its name, below a root found by a
 * pattern (so "sitting" means the posture, not the fall from sitting).
 */
const COVERAGE: [root: RegExp, what: RegExp][] = [
  [/^fall$/i, /fall forward/i],
  [/^fall$/i, /fall backward/i],
  [/^fall$/i, /fall sideways/i],
  [/^fall$/i, /from sitting|sitting down onto/i],
  [/^fall$/i, /from bed|out of bed/i],
  [/floor/i, /lying on the floor/i],
  [/floor/i, /get(ting)? up/i],
  [/transition/i, /sit down/i],
  [/transition/i, /stand up/i],
  [/transition/i, /lie down/i],
  [/transition/i, /bend.*pick up|pick up/i],
  [/posture/i, /^standing$/i],
  [/posture/i, /^sitting$/i],
  [/posture/i, /lying in bed/i],
  [/locomotion/i, /^walking$/i],
  [/locomotion/i, /walking aid/i],
  [/locomotion/i, /wheelchair/i],
  [/locomotion/i, /stumbl/i],
  [/daily/i, /eating/i],
  [/daily/i, /drinking/i],
  [/daily/i, /dressing/i],
  [/daily/i, /hygiene/i],
  [/daily/i, /housework/i],
  [/daily/i, /phone/i],
  [/interaction/i, /caregiver assistance/i],
  [/interaction/i, /visit/i],
  [/other|unknown/i, /unknown/i],
  [/other|unknown/i, /occluded/i],
  [/other|unknown/i, /other|not covered/i],
];

/** The UP-Fall activities, by number (../shared/data/README.md), and a pattern the mapped node's path must match. */
const UPFALL: Record<string, { activity: string; path: RegExp }> = {
  '1': { activity: 'falling forward using hands', path: /fall forward.*hands/i },
  '2': { activity: 'falling forward using knees', path: /fall forward.*knees/i },
  '3': { activity: 'falling backwards', path: /fall backward/i },
  '4': { activity: 'falling sideward', path: /fall sideways/i },
  '5': { activity: 'falling sitting in empty chair', path: /fall.*sitting/i },
  '6': { activity: 'walking', path: /walk/i },
  '7': { activity: 'standing', path: /stand/i },
  '8': { activity: 'sitting', path: /sit/i },
  '9': { activity: 'picking up an object', path: /pick up/i },
  '10': { activity: 'jumping', path: /jump/i },
  '11': { activity: 'laying', path: /lying|lie/i },
};

describe('the default taxonomy (resources/taxonomy/assisted-living.json)', () => {
  it('is a valid taxonomy document with no problems', () => {
    const result = taxonomyDocumentSchema.safeParse(raw);
    expect(result.success, JSON.stringify(result.error?.issues.slice(0, 3))).toBe(true);
    expect(taxonomyDocumentProblems(parsed())).toEqual([]);
  });

  it('has at least three levels, named, and nodes on each', () => {
    const doc = parsed();
    expect(doc.levels.length).toBeGreaterThanOrEqual(3);
    const tree = treeOf(doc);
    expect(tree.maxLevel).toBeGreaterThanOrEqual(3);
    expect(tree.maxLevel).toBeLessThanOrEqual(doc.levels.length);
    for (let level = 1; level <= 3; level++) {
      expect(doc.nodes.some((n) => tree.levelOf(n.id) === level)).toBe(true);
    }
  });

  it('gives every node an id, a name, a definition, includes, excludes and an example', () => {
    const nodes = (raw as { nodes: Record<string, unknown>[] }).nodes;
    const missing: string[] = [];
    for (const [i, n] of nodes.entries()) {
      for (const field of ['id', 'name', 'definition', 'includes', 'excludes', 'example']) {
        const v = n[field];
        if (typeof v !== 'string' || v.trim().length === 0)
          missing.push(`nodes[${i}].${field} (${String(n.id)})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('deprecates nothing and merges nothing', () => {
    expect(parsed().nodes.filter((n) => n.deprecated || n.mergedInto !== null)).toEqual([]);
  });

  it.each(COVERAGE)('has, below a root named %s, a node named %s', (root, what) => {
    const doc = parsed();
    const tree = treeOf(doc);
    const found = doc.nodes.filter((n) => {
      const path = tree.pathOf(n.id);
      return what.test(n.name) && path.length >= 2 && root.test(path[0]?.name ?? '');
    });
    expect(found.map((n) => n.id)).not.toEqual([]);
  });

  it('maps every UP-Fall activity 1–11 to an existing node that fits it', () => {
    const doc = parsed();
    const tree = treeOf(doc);
    const upfall = doc.mappings.upfall ?? {};
    expect(Object.keys(upfall).sort((a, b) => Number(a) - Number(b))).toEqual(Object.keys(UPFALL));
    for (const [number, { activity, path }] of Object.entries(UPFALL)) {
      const id = upfall[number];
      expect(id, `activity ${number} (${activity})`).toBeDefined();
      expect(tree.nodes.has(id as string), `activity ${number} maps to "${id}"`).toBe(true);
      const names = tree
        .pathOf(id as string)
        .map((n) => n.name)
        .join(' › ');
      expect(names, `activity ${number} (${activity})`).toMatch(path);
    }
  });

  it.runIf(hasData)('agrees with the UP-Fall table of the test data README', () => {
    const readme = readFileSync(dataPath('README.md'), 'utf8');
    for (const [number, { activity }] of Object.entries(UPFALL)) {
      expect(readme).toMatch(new RegExp(`\\| ${number} \\| ${activity} \\|`));
    }
  });
});
