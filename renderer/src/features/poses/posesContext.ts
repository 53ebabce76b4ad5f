import { createContext, useContext } from 'react';
import type { PosesSlice, PosesStoreHook } from './posesStore';

/** The pose views' store (its own, kept current by engine events), provided beside the app's. */
export const PosesContext = createContext<PosesStoreHook | null>(null);

/** Selects one field of the poses store. */
export function usePoses<T>(selector: (s: PosesSlice) => T): T {
  const store = useContext(PosesContext);
  if (!store) throw new Error('usePoses outside <PosesContext.Provider>');
  return store(selector);
}
