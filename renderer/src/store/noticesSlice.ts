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

/** Information goes away by itself after a while; errors stay until dismissed. */
const INFO_SHOWN_MS = 6000;

export const createNoticesSlice: SliceCreator<NoticesSlice> = () => (set) => ({
  ...initialNoticesState,
  notify: (kind, text) => {
    const id = nextId++;
    set((s) => ({ notices: [...s.notices.filter((n) => n.text !== text).slice(-4), { id, kind, text }] }));
    if (kind === 'info')
      setTimeout(() => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })), INFO_SHOWN_MS);
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
