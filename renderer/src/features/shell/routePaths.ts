/**
 * Where the app is (a hash route): the library, a video's workspace (optionally at a frame, with a tube
 * selected), the taxonomy editor, the review loop's pages and the situation classifier's.
 */
export type Route =
  | { kind: 'library' }
  | { kind: 'video'; videoId: string; frame?: number; segmentId?: string }
  | { kind: 'taxonomy' }
  | { kind: 'people' }
  | { kind: 'assignments' }
  | { kind: 'work' }
  | { kind: 'review' }
  | { kind: 'reviewItem'; itemId: string }
  | { kind: 'agreement' }
  | { kind: 'models' };

export type RouteKind = Route['kind'];

const ID = '([A-Za-z0-9_-]{1,64})';

export function parseRoute(hash: string): Route {
  const video = new RegExp(`^#/video/${ID}(?:\\?(.*))?$`).exec(hash);
  if (video) {
    const route: Route = { kind: 'video', videoId: video[1] as string };
    const query = new URLSearchParams(video[2] ?? '');
    const frame = Number(query.get('frame') ?? '');
    if (query.has('frame') && Number.isInteger(frame) && frame >= 0) route.frame = frame;
    const segment = query.get('segment');
    if (segment && /^[A-Za-z0-9_-]{1,64}$/.test(segment)) route.segmentId = segment;
    return route;
  }
  const item = new RegExp(`^#/review/${ID}$`).exec(hash);
  if (item) return { kind: 'reviewItem', itemId: item[1] as string };
  switch (hash) {
    case '#/taxonomy':
      return { kind: 'taxonomy' };
    case '#/people':
      return { kind: 'people' };
    case '#/assignments':
      return { kind: 'assignments' };
    case '#/work':
      return { kind: 'work' };
    case '#/review':
      return { kind: 'review' };
    case '#/agreement':
      return { kind: 'agreement' };
    case '#/models':
      return { kind: 'models' };
    default:
      return { kind: 'library' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.kind) {
    case 'library':
      return '#/';
    case 'video': {
      const query = new URLSearchParams();
      if (route.frame !== undefined) query.set('frame', String(route.frame));
      if (route.segmentId !== undefined) query.set('segment', route.segmentId);
      const q = query.toString();
      return `#/video/${route.videoId}${q ? `?${q}` : ''}`;
    }
    case 'taxonomy':
      return '#/taxonomy';
    case 'people':
      return '#/people';
    case 'assignments':
      return '#/assignments';
    case 'work':
      return '#/work';
    case 'review':
      return '#/review';
    case 'reviewItem':
      return `#/review/${route.itemId}`;
    case 'agreement':
      return '#/agreement';
    case 'models':
      return '#/models';
  }
}
