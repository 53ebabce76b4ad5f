import { describe, expect, it } from 'vitest';
import type { TaxonomyDocumentInput } from '../../../shared/taxonomy/document';
import { taxonomyDocumentProblems, taxonomyDocumentSchema } from '../../../shared/taxonomy/document';

function doc(
  nodes: TaxonomyDocumentInput['nodes'],
  mappings: TaxonomyDocumentInput['mappings'] = {},
): TaxonomyDocumentInput {
  return { format: 'amelia-taxonomy', formatVersion: 1, name: 'Test', levels: ['a', 'b'], nodes, mappings };
}

function problemsOf(input: TaxonomyDocumentInput): string[] {
  return taxonomyDocumentProblems(taxonomyDocumentSchema.parse(input));
}

describe('taxonomyDocumentSchema', () => {
  it('fills in the optional texts and flags of a node', () => {
    const parsed = taxonomyDocumentSchema.parse(doc([{ id: 'fall', parent: null, name: 'Fall' }]));
    expect(parsed.nodes[0]).toEqual({
      id: 'fall',
      parent: null,
      name: 'Fall',
      definition: '',
      includes: '',
      excludes: '',
      example: '',
      deprecated: false,
      mergedInto: null,
    });
    expect(parsed.mappings).toEqual({});
  });

  it('refuses another format, an empty node list and a nameless node, saying where', () => {
    const wrongFormat = taxonomyDocumentSchema.safeParse({
      ...doc([{ id: 'a', parent: null, name: 'A' }]),
      format: 'x',
    });
    expect(wrongFormat.success).toBe(false);
    expect(wrongFormat.error?.issues[0]?.path).toEqual(['format']);
    expect(taxonomyDocumentSchema.safeParse(doc([])).success).toBe(false);
    const nameless = taxonomyDocumentSchema.safeParse(
      doc([
        { id: 'a', parent: null, name: 'A' },
        { id: 'b', parent: 'a', name: '' },
      ]),
    );
    expect(nameless.success).toBe(false);
    expect(nameless.error?.issues[0]?.path).toEqual(['nodes', 1, 'name']);
  });

  it('refuses ids that are not ids', () => {
    expect(taxonomyDocumentSchema.safeParse(doc([{ id: '../x', parent: null, name: 'X' }])).success).toBe(
      false,
    );
  });
});

describe('taxonomyDocumentProblems', () => {
  it('finds nothing wrong in a well-formed tree', () => {
    expect(
      problemsOf(
        doc(
          [
            { id: 'fall', parent: null, name: 'Fall' },
            { id: 'fall-forward', parent: 'fall', name: 'Fall forward' },
            { id: 'old', parent: 'fall', name: 'Old', deprecated: true, mergedInto: 'fall-forward' },
          ],
          { upfall: { '1': 'fall-forward' } },
        ),
      ),
    ).toEqual([]);
  });

  it('reports an unknown parent, naming the node', () => {
    expect(
      problemsOf(
        doc([
          { id: 'a', parent: null, name: 'A' },
          { id: 'b', parent: 'nowhere', name: 'B' },
        ]),
      ),
    ).toEqual(['nodes[1] ("b"): no node "nowhere" to be its parent']);
  });

  it('reports a cycle of parents for each node on it', () => {
    const problems = problemsOf(
      doc([
        { id: 'root', parent: null, name: 'Root' },
        { id: 'a', parent: 'c', name: 'A' },
        { id: 'b', parent: 'a', name: 'B' },
        { id: 'c', parent: 'b', name: 'C' },
      ]),
    );
    expect(problems).toEqual([
      'nodes[1] ("a"): its parents form a cycle',
      'nodes[2] ("b"): its parents form a cycle',
      'nodes[3] ("c"): its parents form a cycle',
    ]);
  });

  it('reports a node that is its own parent', () => {
    expect(problemsOf(doc([{ id: 'a', parent: 'a', name: 'A' }]))).toEqual([
      'nodes[0] ("a"): its parents form a cycle',
    ]);
  });

  it('reports an id used twice', () => {
    expect(
      problemsOf(
        doc([
          { id: 'a', parent: null, name: 'A' },
          { id: 'a', parent: null, name: 'A again' },
        ]),
      ),
    ).toContain('nodes[1]: the id "a" is used twice');
  });

  it('reports a merge into an unknown node', () => {
    expect(
      problemsOf(doc([{ id: 'a', parent: null, name: 'A', deprecated: true, mergedInto: 'gone' }])),
    ).toEqual(['nodes[0] ("a"): merged into an unknown node "gone"']);
  });

  it('reports a mapping to an unknown node, naming the mapping', () => {
    expect(
      problemsOf(doc([{ id: 'a', parent: null, name: 'A' }], { upfall: { '1': 'a', '12': 'missing' } })),
    ).toEqual(['mappings.upfall.12: no node "missing"']);
  });
});
