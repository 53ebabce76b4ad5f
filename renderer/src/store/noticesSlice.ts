import type { SliceCreator } from './types';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface NoticesState {
  notices: Notice[];
}

export interface NoticesSlice extends NoticesState {
  notify(kind: Notice['kind'], text: string): void;
  dismissNotice(id: number): void;
}

export const initialNoticesState: NoticesState = { notices: [] };

let nextId = 1;

/** Notices go away by themselves after a while (errors stay longer), or when dismissed. */
const SHOWN_MS = { info: 6000, error: 20_000 } as const;

export const createNoticesSlice: SliceCreator<NoticesSlice> = () => (set) => ({
  ...initialNoticesState,
  notify: (kind, text) => {
    const id = nextId++;
    set((s) => ({ notices: [...s.notices.filter((n) => n.text !== text).slice(-4), { id, kind, text }] }));
    setTimeout(() => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })), SHOWN_MS[kind]);
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
