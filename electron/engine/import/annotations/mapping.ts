import type { ImportLabel } from '../../../../shared/contract/api';
import { AmeliaError } from '../../../../shared/contract/envelope';
import type { TaxonomyNode } from '../../../../shared/domain/taxonomy';
import type { TaxonomyTree } from '../../../../shared/taxonomy/tree';
import { pathLabel } from '../../../../shared/taxonomy/tree';
import type { ParsedFile } from './model';

const STOP = new Set([
  'a',
  'an',
  'the',
  'of',
  'on',
  'in',
  'to',
  'and',
  'or',
  'with',
  'from',
  'at',
  'by',
  'for',
  'into',
  'onto',
  'up',
  'down',
]);

function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map(stem);
}

/** A rough stem, so that "falling", "falls" and "fall" meet. */
function stem(w: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      const s = w.slice(0, -suffix.length);
      return s.length > 3 && s[s.length - 1] === s[s.length - 2] ? s.slice(0, -1) : s;
    }
  }
  return w;
}

function norm(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The node a label names as it is: an id, a unique name, a path, or a mapping the taxonomy keeps. */
function known(
  label: string,
  tree: TaxonomyTree,
  mappings: Record<string, Record<string, string>>,
  mappingKey: string,
): { node: TaxonomyNode; reason: string } | null {
  const mapped = mappings[mappingKey]?.[label];
  if (mapped && tree.nodes.has(mapped))
    return {
      node: tree.nodes.get(mapped) as TaxonomyNode,
      reason: `the taxonomy maps ${mappingKey} "${label}" to it`,
    };
  const byId = tree.nodes.get(label);
  if (byId) return { node: byId, reason: 'a node with this id' };
  const n = norm(label);
  const byName = [...tree.nodes.values()].filter((x) => norm(x.name) === n);
  if (byName.length === 1) return { node: byName[0] as TaxonomyNode, reason: 'a node with this name' };
  // "Name (id)": how amelia's CVAT export tells apart two classes with one name.
  const withId = /^(.*) \(([A-Za-z0-9_-]+)\)$/.exec(label.trim());
  const named = withId ? tree.nodes.get(withId[2] as string) : undefined;
  if (withId && named && norm(named.name) === norm(withId[1] as string))
    return { node: named, reason: 'a node with this name and id' };
  const byPath = [...tree.nodes.values()].filter(
    (x) => norm(pathLabel(tree, x.id)) === n.replace(/\s*[>›/]\s*/g, ' › '),
  );
  if (byPath.length === 1) return { node: byPath[0] as TaxonomyNode, reason: 'a node with this path' };
  return null;
}

/** The node whose name (and, less, definition) shares most words with the label; null where none does. */
function propose(
  label: string,
  display: string,
  tree: TaxonomyTree,
): { node: TaxonomyNode; reason: string } | null {
  const want = new Set([...words(label), ...words(display)]);
  if (want.size === 0) return null;
  let best: { node: TaxonomyNode; score: number; shared: string[] } | null = null;
  for (const node of tree.nodes.values()) {
    if (node.deprecated) continue;
    const name = new Set([...words(node.name), ...words(node.id)]);
    const more = new Set(words(`${node.includes} ${node.example}`));
    const shared = [...want].filter((w) => name.has(w));
    if (shared.length === 0) continue;
    const score =
      (2 * shared.length) / (want.size + name.size) +
      0.05 * [...want].filter((w) => more.has(w)).length -
      0.01 * tree.levelOf(node.id);
    if (!best || score > best.score) best = { node, score, shared };
  }
  return best ? { node: best.node, reason: `its name shares "${best.shared.join('", "')}"` } : null;
}

/** A node a label may go to: it must exist and take new labels (a merged node's labels go where it went). */
function usable(tree: TaxonomyTree, id: string): TaxonomyNode | null {
  let node = tree.nodes.get(id) ?? null;
  const seen = new Set<string>();
  while (node?.deprecated && node.mergedInto && !seen.has(node.id)) {
    seen.add(node.id);
    node = tree.nodes.get(node.mergedInto) ?? null;
  }
  return node && !node.deprecated ? node : null;
}

/**
 * The mapping step: for every label of the file, the node it is known as, the node proposed for it, and
 * what the caller's mapping says. A label neither known nor mapped (nor taken by `acceptProposals`) still
 * needs mapping; a mapping to null leaves its tubes out.
 */
export function resolveLabels(
  parsed: ParsedFile,
  tree: TaxonomyTree,
  mappings: Record<string, Record<string, string>>,
  mapping: Record<string, string | null> | undefined,
  acceptProposals: boolean,
): ImportLabel[] {
  const given = mapping ?? {};
  for (const [k, v] of Object.entries(given)) {
    if (v !== null && !tree.nodes.has(v))
      throw new AmeliaError(
        'not_found',
        `The mapping of "${k}" names no taxonomy node "${v}".`,
        `mapping.${k}`,
      );
    if (v !== null && !usable(tree, v))
      throw new AmeliaError(
        'invalid_request',
        `"${tree.nodes.get(v)?.name ?? v}" is deprecated and takes no new labels.`,
        `mapping.${k}`,
      );
  }
  const counts = new Map<string, number>();
  for (const t of parsed.tubes) if (t.label !== null) counts.set(t.label, (counts.get(t.label) ?? 0) + 1);
  return [...parsed.labels.values()].map((l) => {
    const k = known(l.key, tree, mappings, parsed.mappingKey);
    const knownNode = k ? usable(tree, k.node.id) : null;
    const builtIn = parsed.proposals?.get(l.key);
    const builtInNode = builtIn?.nodeId ? usable(tree, builtIn.nodeId) : null;
    const guess = knownNode ? null : builtIn ? null : propose(l.key, l.display, tree);
    const proposal = knownNode ?? builtInNode ?? (guess ? usable(tree, guess.node.id) : null);
    const reason = knownNode
      ? `${k?.reason}${k && knownNode.id !== k.node.id ? ` (merged into "${knownNode.name}")` : ''}`
      : builtIn
        ? builtIn.reason
        : guess
          ? `proposed: ${guess.reason}`
          : 'no node of the taxonomy matches: map it, or leave it out';
    const mappedKey = Object.hasOwn(given, l.key)
      ? l.key
      : Object.hasOwn(given, l.display)
        ? l.display
        : null;
    let mappedTo: string | null;
    let needsMapping: boolean;
    if (mappedKey !== null) {
      const v = given[mappedKey] ?? null;
      mappedTo = v === null ? null : (usable(tree, v)?.id ?? null);
      needsMapping = false;
    } else if (knownNode) {
      mappedTo = knownNode.id;
      needsMapping = false;
    } else if (acceptProposals) {
      mappedTo = proposal?.id ?? null;
      needsMapping = false;
    } else {
      mappedTo = null;
      needsMapping = true;
    }
    return {
      label: l.key,
      display: l.display,
      tubes: counts.get(l.key) ?? 0,
      nodeId: knownNode?.id ?? null,
      mappedTo,
      proposal: proposal?.id ?? null,
      reason,
      needsMapping,
    };
  });
}
