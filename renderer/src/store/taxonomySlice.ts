import type { Taxonomy, TaxonomyVersion } from '../../../shared/domain/taxonomy';
import type { TaxonomyDocument, TaxonomyDocumentInput } from '../../../shared/taxonomy/document';
import type { TaxonomyTree } from '../../../shared/taxonomy/tree';
import { buildTree } from '../../../shared/taxonomy/tree';
import { errorMessage } from '../api/client';
import type { LabelUsage } from '../features/workspace/labels/labelUsage';
import { loadStored, saveStored } from './persist';
import type { SliceCreator } from './types';

const USAGE_KEY = 'amelia.labelUsage.v1';
const RECENT_MAX = 8;

export type { LabelUsage };

function parseUsage(v: unknown): LabelUsage | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const recent = Array.isArray(o.recent) ? o.recent.filter((x): x is string => typeof x === 'string') : [];
  const counts: Record<string, number> = {};
  if (typeof o.counts === 'object' && o.counts !== null) {
    for (const [k, n] of Object.entries(o.counts as Record<string, unknown>)) {
      if (typeof n === 'number' && Number.isFinite(n) && n > 0) counts[k] = n;
    }
  }
  return { recent: recent.slice(0, RECENT_MAX), counts };
}

export interface NodeTextInput {
  name?: string;
  definition?: string;
  includes?: string;
  excludes?: string;
  example?: string;
}

export interface TaxonomyState {
  taxonomy: Taxonomy | null;
  taxonomyTree: TaxonomyTree | null;
  labelUsage: LabelUsage;
}

export interface TaxonomySlice extends TaxonomyState {
  loadTaxonomy(): Promise<void>;
  noteLabelUse(nodeId: string): void;
  addTaxonomyNode(parentId: string | null, name: string): Promise<string | null>;
  updateTaxonomyNode(nodeId: string, patch: NodeTextInput): Promise<boolean>;
  moveTaxonomyNode(nodeId: string, parentId: string | null, index?: number): Promise<boolean>;
  deprecateTaxonomyNode(nodeId: string, deprecated: boolean): Promise<boolean>;
  mergeTaxonomyNodes(sourceId: string, targetId: string): Promise<boolean>;
  importTaxonomy(document: TaxonomyDocumentInput): Promise<boolean>;
  exportTaxonomy(): Promise<TaxonomyDocument | null>;
  taxonomyHistory(): Promise<TaxonomyVersion[]>;
}

export function initialTaxonomyState(): TaxonomyState {
  return {
    taxonomy: null,
    taxonomyTree: null,
    labelUsage: loadStored(USAGE_KEY, parseUsage) ?? { recent: [], counts: {} },
  };
}

export const createTaxonomySlice: SliceCreator<TaxonomySlice> = (client) => (set, get) => {
  function apply(taxonomy: Taxonomy): void {
    set({ taxonomy, taxonomyTree: buildTree(taxonomy.nodes) });
  }
  const clientId = () => get().clientId;
  async function edit(what: string, fn: () => Promise<Taxonomy>): Promise<boolean> {
    return get().runEdit(what, async () => apply(await fn()));
  }
  return {
    ...initialTaxonomyState(),
    async loadTaxonomy() {
      try {
        apply(await client.call('taxonomy.get', {}));
      } catch (err) {
        get().notify('error', `Cannot load the taxonomy: ${errorMessage(err)}`);
      }
    },
    noteLabelUse(nodeId) {
      const { recent, counts } = get().labelUsage;
      const labelUsage: LabelUsage = {
        recent: [nodeId, ...recent.filter((id) => id !== nodeId)].slice(0, RECENT_MAX),
        counts: { ...counts, [nodeId]: (counts[nodeId] ?? 0) + 1 },
      };
      set({ labelUsage });
      saveStored(USAGE_KEY, labelUsage);
    },
    async addTaxonomyNode(parentId, name) {
      const before = new Set(get().taxonomy?.nodes.map((n) => n.id) ?? []);
      const ok = await edit(`add "${name}" to the taxonomy`, () =>
        client.call('taxonomy.addNode', { clientId: clientId(), parentId, name }),
      );
      if (!ok) return null;
      return get().taxonomy?.nodes.find((n) => !before.has(n.id))?.id ?? null;
    },
    updateTaxonomyNode: (nodeId, patch) =>
      edit('change the taxonomy node', () =>
        client.call('taxonomy.updateNode', { clientId: clientId(), nodeId, ...patch }),
      ),
    moveTaxonomyNode: (nodeId, parentId, index) =>
      edit('move the taxonomy node', () =>
        client.call('taxonomy.moveNode', {
          clientId: clientId(),
          nodeId,
          parentId,
          ...(index !== undefined ? { index } : {}),
        }),
      ),
    deprecateTaxonomyNode: (nodeId, deprecated) =>
      edit(deprecated ? 'deprecate the node' : 'restore the node', () =>
        client.call('taxonomy.deprecateNode', { clientId: clientId(), nodeId, deprecated }),
      ),
    async mergeTaxonomyNodes(sourceId, targetId) {
      const ok = await edit('merge the nodes', () =>
        client.call('taxonomy.mergeNodes', { clientId: clientId(), sourceId, targetId }),
      );
      // Labels followed the merge: the open video's segments carry new revisions.
      if (ok) await get().reloadAnnotations();
      return ok;
    },
    async importTaxonomy(document) {
      const ok = await edit('import the taxonomy', () =>
        client.call('taxonomy.import', { clientId: clientId(), document }),
      );
      if (ok) await get().reloadAnnotations();
      return ok;
    },
    async exportTaxonomy() {
      try {
        return await client.call('taxonomy.export', {});
      } catch (err) {
        get().notify('error', `Cannot export the taxonomy: ${errorMessage(err)}`);
        return null;
      }
    },
    async taxonomyHistory() {
      try {
        return await client.call('taxonomy.history', {});
      } catch {
        return [];
      }
    },
  };
};
