import type { MethodName, RequestOf, ResponseOf } from '../../shared/contract/api';
import type { Caller } from '../../electron/engine/api/types';
import type { TempEngine } from './tempEngine';

/** Engine calls made as a given caller (a person, a desktop window, an HTTP client), for role tests. */
export function callsAs(t: TempEngine): {
  call<M extends MethodName>(method: M, request: RequestOf<M>, caller: Caller): Promise<ResponseOf<M>>;
  /** The refusal's `code: message`; throws if the call was allowed. */
  refused(method: MethodName, request: unknown, caller: Caller): Promise<string>;
} {
  return {
    async call(method, request, caller) {
      const r = await t.engine.call(method, request, caller);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    async refused(method, request, caller) {
      const r = await t.engine.call(method, request, caller);
      if (r.ok) throw new Error(`${method} should have been refused`);
      return `${r.error.code}: ${r.error.message}`;
    },
  };
}
