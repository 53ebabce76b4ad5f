import type { MethodName, ParsedRequestOf, ResponseOf } from '../../../shared/contract/api';

/** Who calls: a signed-in user (HTTP), the local profile (Electron, CLI), or nobody known yet. */
export interface Caller {
  userId: string | null;
}

export const LOCAL_CALLER: Caller = { userId: null };

export type Handler<M extends MethodName> = (
  request: ParsedRequestOf<M>,
  caller: Caller,
) => Promise<ResponseOf<M>> | ResponseOf<M>;

export type Handlers = { [M in MethodName]: Handler<M> };

export type HandlerGroup<K extends MethodName> = { [M in K]: Handler<M> };
