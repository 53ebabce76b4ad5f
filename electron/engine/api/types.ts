import type { MethodName, ParsedRequestOf, ResponseOf } from '../../../shared/contract/api';
import type { Role } from '../../../shared/domain/user';

/** Who calls, as a host knows it: a signed-in user (HTTP), a picked profile (Electron), the CLI. */
export interface Caller {
  userId: string | null;
  /** The local command line: the machine's owner, trusted as an admin. */
  trusted?: boolean;
  /** The session token the call came with (HTTP), so that signing out can end it. */
  sessionToken?: string | null;
}

export const LOCAL_CALLER: Caller = { userId: null };
export const TRUSTED_CALLER: Caller = { userId: null, trusted: true };

/** The caller resolved by the engine: the user (if any) and the role the engine grants. */
export interface Who {
  userId: string | null;
  role: Role | null;
  sessionToken: string | null;
}

export type Handler<M extends MethodName> = (
  request: ParsedRequestOf<M>,
  who: Who,
) => Promise<ResponseOf<M>> | ResponseOf<M>;

export type Handlers = { [M in MethodName]: Handler<M> };

export type HandlerGroup<K extends MethodName> = { [M in K]: Handler<M> };
