import type { SystemInfo } from '../../../shared/contract/api';
import { errorMessage } from '../api/client';
import type { SliceCreator } from './types';

export interface SystemState {
  system: SystemInfo | null;
}

export interface SystemSlice extends SystemState {
  loadSystem(): Promise<void>;
}

export const initialSystemState: SystemState = { system: null };

export const createSystemSlice: SliceCreator<SystemSlice> = (client) => (set, get) => ({
  ...initialSystemState,
  async loadSystem() {
    try {
      set({ system: await client.call('system.info', {}) });
    } catch (err) {
      get().notify('error', `Cannot reach the project: ${errorMessage(err)}`);
    }
  },
});
