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

export const createNoticesSlice: SliceCreator<NoticesSlice> = () => (set) => ({
  ...initialNoticesState,
  notify: (kind, text) => set((s) => ({ notices: [...s.notices.slice(-4), { id: nextId++, kind, text }] })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
