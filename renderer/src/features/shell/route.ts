import { useSyncExternalStore } from 'react';
import type { Route } from './routePaths';
import { hrefOf, parseRoute } from './routePaths';

// The routes themselves (pure, tested in Node) live in routePaths; this module adds the window's hash.
export type { Route, RouteKind } from './routePaths';
export { hrefOf, parseRoute } from './routePaths';

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  // Parsing is cheap; the hash string is the stable snapshot.
  return parseRoute(hash);
}
