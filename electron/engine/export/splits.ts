import { createPrng } from '../../../shared/util/prng';

/** What the split assignment needs of a tube. */
export interface SplitItem {
  /** The recording (a video's content hash keeps this stable across projects). */
  recording: string;
  /** Person identities seen in the tube; the same identity in two recordings ties them together. */
  persons: readonly string[];
  /** Class key for stratification (`unlabelled` for tubes without a class). */
  classKey: string;
}

export interface SplitPart {
  name: string;
  weight: number;
}

export interface SplitAssignment {
  /** Split name of each item, in the order given. */
  splitOf: string[];
  /** Groups of recordings that had to stay together (recordings linked by a person), largest first. */
  groups: { recordings: string[]; items: number }[];
  /** Where a split ended far from its share (few groups, or one group larger than a split). */
  notes: string[];
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(a: string): string {
    let root = a;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root) as string;
    if (!this.parent.has(a)) this.parent.set(a, a);
    // Path compression.
    let cur = a;
    while (cur !== root) {
      const next = this.parent.get(cur) as string;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

/**
 * Assigns items to splits so that no recording and no person is in two splits: recordings that share a
 * person form one group, and groups are dealt out whole. Groups go largest first (ties in an order the
 * seed shuffles) to the split where they bring the class counts closest to every split's share of every
 * class (`stratify`), or the sizes alone. The same items, parts and seed always give the same result.
 */
export function assignSplits(
  items: readonly SplitItem[],
  parts: readonly SplitPart[],
  seed: number,
  stratify: boolean,
): SplitAssignment {
  const uf = new UnionFind();
  for (const it of items) {
    uf.find(`r:${it.recording}`);
    for (const p of it.persons) uf.union(`r:${it.recording}`, `p:${p}`);
  }
  const groupItems = new Map<string, number[]>();
  const groupRecordings = new Map<string, Set<string>>();
  items.forEach((it, i) => {
    const g = uf.find(`r:${it.recording}`);
    groupItems.set(g, [...(groupItems.get(g) ?? []), i]);
    groupRecordings.set(g, (groupRecordings.get(g) ?? new Set()).add(it.recording));
  });
  // A stable order before shuffling: by the group's smallest recording key.
  const keys = [...groupItems.keys()].sort((a, b) => {
    const ka = [...(groupRecordings.get(a) ?? [])].sort()[0] ?? '';
    const kb = [...(groupRecordings.get(b) ?? [])].sort()[0] ?? '';
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  const prng = createPrng(seed);
  const shuffled = prng.shuffle(keys);
  const rank = new Map(shuffled.map((k, i) => [k, i]));
  const order = [...shuffled].sort(
    (a, b) =>
      (groupItems.get(b)?.length ?? 0) - (groupItems.get(a)?.length ?? 0) ||
      (rank.get(a) ?? 0) - (rank.get(b) ?? 0),
  );

  const totalWeight = parts.reduce((s, p) => s + p.weight, 0);
  const share = parts.map((p) => p.weight / totalWeight);
  const classKeys = [...new Set(items.map((it) => (stratify ? it.classKey : 'all')))].sort();
  const classTotal = new Map<string, number>();
  for (const it of items) {
    const c = stratify ? it.classKey : 'all';
    classTotal.set(c, (classTotal.get(c) ?? 0) + 1);
  }
  const counts = parts.map(() => new Map<string, number>());
  const sizes = parts.map(() => 0);
  const n = items.length;

  /** Squared distance of every split from its share, per class (weighted by class size) and in size. */
  const cost = (): number => {
    let c = 0;
    parts.forEach((_, s) => {
      for (const k of classKeys) {
        const total = classTotal.get(k) ?? 0;
        if (total === 0) continue;
        const d = ((counts[s] as Map<string, number>).get(k) ?? 0) - (share[s] as number) * total;
        c += (d * d) / total;
      }
      const ds = (sizes[s] as number) - (share[s] as number) * n;
      c += (ds * ds) / Math.max(1, n);
    });
    return c;
  };

  const splitOfGroup = new Map<string, number>();
  for (const g of order) {
    const members = groupItems.get(g) ?? [];
    let best = -1;
    let bestCost = Infinity;
    parts.forEach((_, s) => {
      if ((share[s] as number) <= 0) return;
      const m = counts[s] as Map<string, number>;
      for (const i of members) {
        const k = stratify ? (items[i] as SplitItem).classKey : 'all';
        m.set(k, (m.get(k) ?? 0) + 1);
      }
      sizes[s] = (sizes[s] as number) + members.length;
      const c = cost();
      for (const i of members) {
        const k = stratify ? (items[i] as SplitItem).classKey : 'all';
        m.set(k, (m.get(k) ?? 0) - 1);
      }
      sizes[s] = (sizes[s] as number) - members.length;
      if (c < bestCost - 1e-12) {
        bestCost = c;
        best = s;
      }
    });
    const m = counts[best] as Map<string, number>;
    for (const i of members) {
      const k = stratify ? (items[i] as SplitItem).classKey : 'all';
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    sizes[best] = (sizes[best] as number) + members.length;
    splitOfGroup.set(g, best);
  }

  const notes: string[] = [];
  parts.forEach((p, s) => {
    const want = (share[s] as number) * n;
    const got = sizes[s] as number;
    if (want > 0 && got === 0)
      notes.push(
        `"${p.name}" is empty: the tubes form ${order.length} group${order.length === 1 ? '' : 's'} of recordings that must stay together (a recording, or recordings that show the same person), too few to fill every split.`,
      );
    else if (n > 0 && Math.abs(got - want) > Math.max(1, 0.1 * n))
      notes.push(
        `"${p.name}" holds ${got} tubes where its share is ${want.toFixed(1)}: recordings and people are never split, so groups are dealt out whole.`,
      );
  });

  return {
    splitOf: items.map(
      (it) => (parts[splitOfGroup.get(uf.find(`r:${it.recording}`)) ?? 0] as SplitPart).name,
    ),
    groups: order.map((g) => ({
      recordings: [...(groupRecordings.get(g) ?? [])].sort(),
      items: groupItems.get(g)?.length ?? 0,
    })),
    notes,
  };
}
