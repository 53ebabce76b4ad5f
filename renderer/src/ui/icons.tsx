/** Small transport icons drawn as SVG (font glyphs for these are missing on many systems). */
type IconName = 'first' | 'back10' | 'prev' | 'play' | 'pause' | 'next' | 'forward10' | 'last';

const PATHS: Record<IconName, string> = {
  first: 'M3 3h2v10H3zM13 3v10L6 8z',
  back10: 'M8 3v10L1 8zM15 3v10L8 8z',
  prev: 'M11 3v10L4 8z',
  play: 'M4 2.5v11L13.5 8z',
  pause: 'M4 3h3v10H4zM9 3h3v10H9z',
  next: 'M5 3v10l7-5z',
  forward10: 'M1 3v10l7-5zM8 3v10l7-5z',
  last: 'M11 3h2v10h-2zM3 3v10l7-5z',
};

export function Icon({ name }: { name: IconName }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  );
}
