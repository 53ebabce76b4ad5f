import { createContext, useContext } from 'react';
import type { Video } from '../../../../shared/domain/video';
import type { FocusTargets } from './focusTargets';
import type { PlayerController } from './player/PlayerController';
import type { Commands } from './shortcuts/commands';

/** What the workspace's parts share: the video, its player, and the fields keys can jump into. */
export interface WorkspaceHandles {
  video: Video;
  player: PlayerController;
  focus: FocusTargets;
  /** Callback refs of the fields keys jump into. */
  registerJump: (el: HTMLInputElement | null) => void;
  registerNote: (el: HTMLTextAreaElement | null) => void;
  /** Every keyboard action, for buttons too. */
  commands: Commands;
}

export const WorkspaceContext = createContext<WorkspaceHandles | null>(null);

export function useWorkspace(): WorkspaceHandles {
  const ws = useContext(WorkspaceContext);
  if (!ws) throw new Error('useWorkspace outside the workspace');
  return ws;
}
