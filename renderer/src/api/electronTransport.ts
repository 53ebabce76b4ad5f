import type { AmeliaBridge } from '../../../shared/contract/bridge';
import type { MethodName, RequestOf, ResponseOf } from '../../../shared/contract/api';
import type { Envelope } from '../../../shared/contract/envelope';
import type { Transport } from './transport';

/** Calls the engine through the preload's bridge. */
export function electronTransport(bridge: AmeliaBridge): Transport {
  return {
    kind: 'electron',
    call<M extends MethodName>(method: M, request: RequestOf<M>) {
      const fn = bridge.api[method] as (r: RequestOf<M>) => Promise<Envelope<ResponseOf<M>>>;
      return fn(request);
    },
    subscribe: (listener) => bridge.onEvent(listener),
    pickVideoPaths: () => bridge.pickVideoFiles(),
  };
}
