import { useSyncExternalStore } from 'react';

/** Where the app is: the library, a video's workspace, or the taxonomy editor (a hash route). */
export type Route = { kind: 'library' } | { kind: 'video'; videoId: string } | { kind: 'taxonomy' };

export function parseRoute(hash: string): Route {
  const video = /^#\/video\/([A-Za-z0-9_-]{1,64})$/.exec(hash);
  if (video) return { kind: 'video', videoId: video[1] as string };
  if (hash === '#/taxonomy') return { kind: 'taxonomy' };
  return { kind: 'library' };
}

export function hrefOf(route: Route): string {
  switch (route.kind) {
    case 'library':
      return '#/';
    case 'video':
      return `#/video/${route.videoId}`;
    case 'taxonomy':
      return '#/taxonomy';
  }
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
