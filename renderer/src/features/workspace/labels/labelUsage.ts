/** Which labels this browser applied, for the recent list and the number keys. */
export interface LabelUsage {
  /** Node ids, most recently applied first. */
  recent: string[];
  /** How often each node was applied. */
  counts: Record<string, number>;
}
