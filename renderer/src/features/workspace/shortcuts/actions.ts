/**
 * Everything the workspace does from the keyboard: an id, what it does (for the cheat sheet and the
 * settings panel) and its default keys. Keys are chords as `chordOf` writes them (`Shift+ArrowLeft`,
 * `Ctrl+Z`, `Space`, `?`).
 */
export const ACTION_GROUPS = ['Playback', 'Segments', 'People', 'Labels', 'Boxes', 'Edit', 'View'] as const;
export type ActionGroup = (typeof ACTION_GROUPS)[number];

interface ActionSpec {
  group: ActionGroup;
  label: string;
  keys: readonly string[];
}

function spec(group: ActionGroup, label: string, ...keys: string[]): ActionSpec {
  return { group, label, keys };
}

export const ACTIONS = {
  playPause: spec('Playback', 'Play / pause', 'Space'),
  stepBack: spec('Playback', 'Previous frame', 'ArrowLeft'),
  stepForward: spec('Playback', 'Next frame', 'ArrowRight'),
  bigStepBack: spec('Playback', 'Back ten frames', 'Shift+ArrowLeft'),
  bigStepForward: spec('Playback', 'Forward ten frames', 'Shift+ArrowRight'),
  shuttleBack: spec('Playback', 'Shuttle backwards (again: faster)', 'J'),
  shuttleStop: spec('Playback', 'Shuttle stop', 'K'),
  shuttleForward: spec('Playback', 'Shuttle forwards (again: faster)', 'L'),
  firstFrame: spec('Playback', 'First frame', 'Home'),
  lastFrame: spec('Playback', 'Last frame', 'End'),
  jumpToFrame: spec('Playback', 'Jump to a frame (type it, Enter)', 'G'),
  slower: spec('Playback', 'Slower playback', '<'),
  faster: spec('Playback', 'Faster playback', '>'),

  markIn: spec('Segments', 'Mark in (segment starts here)', 'I'),
  markOut: spec('Segments', 'Mark out (makes the segment)', 'O'),
  trimStart: spec('Segments', 'Move the selected start to the playhead', 'Shift+I'),
  trimEnd: spec('Segments', 'Move the selected end to the playhead', 'Shift+O'),
  split: spec('Segments', 'Split the selected segment at the playhead', 'S'),
  mergeNext: spec('Segments', 'Merge with the next segment', 'M'),
  mergePrevious: spec('Segments', 'Merge with the previous segment', 'Shift+M'),
  deleteSegment: spec('Segments', 'Delete the selected segment', 'Delete', 'Backspace'),
  previousSegment: spec('Segments', 'Previous segment of the person', 'PageUp'),
  nextSegment: spec('Segments', 'Next segment of the person', 'PageDown'),
  toggleUncertain: spec('Segments', 'Mark uncertain / certain', 'U'),
  editNote: spec('Segments', 'Write a note', 'N'),
  cancel: spec('Segments', 'Cancel the mark in / close', 'Escape'),

  addActor: spec('People', 'Add a person', 'A'),
  previousActor: spec('People', 'Previous person', '['),
  nextActor: spec('People', 'Next person', ']'),

  openLabelPicker: spec('Labels', 'Label the selected segment (picker)', 'T'),
  quickLabel1: spec('Labels', 'Most used label 1', '1'),
  quickLabel2: spec('Labels', 'Most used label 2', '2'),
  quickLabel3: spec('Labels', 'Most used label 3', '3'),
  quickLabel4: spec('Labels', 'Most used label 4', '4'),
  quickLabel5: spec('Labels', 'Most used label 5', '5'),
  quickLabel6: spec('Labels', 'Most used label 6', '6'),
  quickLabel7: spec('Labels', 'Most used label 7', '7'),
  quickLabel8: spec('Labels', 'Most used label 8', '8'),
  quickLabel9: spec('Labels', 'Most used label 9', '9'),

  deleteKeyframe: spec('Boxes', 'Delete the box keyframe at the playhead', 'X'),
  markOutside: spec('Boxes', 'Person outside the view from here', 'H'),
  previousKeyframe: spec('Boxes', 'Previous box keyframe', 'Alt+ArrowLeft'),
  nextKeyframe: spec('Boxes', 'Next box keyframe', 'Alt+ArrowRight'),

  undo: spec('Edit', 'Undo', 'Ctrl+Z'),
  redo: spec('Edit', 'Redo', 'Ctrl+Shift+Z', 'Ctrl+Y'),

  zoomIn: spec('View', 'Zoom the timeline in', '=', '+'),
  zoomOut: spec('View', 'Zoom the timeline out', '-'),
  zoomFit: spec('View', 'Fit the whole video in the timeline', '0'),
  help: spec('View', 'This cheat sheet', '?'),
  settings: spec('View', 'Settings (keys)', 'Ctrl+,'),
} as const satisfies Record<string, ActionSpec>;

export type ActionId = keyof typeof ACTIONS;
export const ACTION_IDS = Object.keys(ACTIONS) as ActionId[];

export type Keymap = Record<ActionId, string[]>;

export function defaultKeymap(): Keymap {
  const out = {} as Keymap;
  for (const id of ACTION_IDS) out[id] = [...ACTIONS[id].keys];
  return out;
}

export const QUICK_LABEL_ACTIONS = [
  'quickLabel1',
  'quickLabel2',
  'quickLabel3',
  'quickLabel4',
  'quickLabel5',
  'quickLabel6',
  'quickLabel7',
  'quickLabel8',
  'quickLabel9',
] as const satisfies readonly ActionId[];

export function isActionId(value: string): value is ActionId {
  return Object.hasOwn(ACTIONS, value);
}

/** A chord → action index; the first action listed wins where a chord is bound twice. */
export function chordIndex(keymap: Keymap): Map<string, ActionId> {
  const out = new Map<string, ActionId>();
  for (const id of ACTION_IDS) for (const chord of keymap[id]) if (!out.has(chord)) out.set(chord, id);
  return out;
}

/** Keeps a stored keymap's valid entries, with defaults for actions it does not name. */
export function parseKeymap(value: unknown): Keymap | null {
  if (typeof value !== 'object' || value === null) return null;
  const out = defaultKeymap();
  for (const [id, chords] of Object.entries(value as Record<string, unknown>)) {
    if (!isActionId(id) || !Array.isArray(chords)) continue;
    out[id] = chords.filter((c): c is string => typeof c === 'string' && c.length > 0 && c.length < 40);
  }
  return out;
}

/** Binds `chord` to `action` alone: any other action holding it loses it. Returns the new map and who lost it. */
export function bindChord(
  keymap: Keymap,
  action: ActionId,
  chord: string,
  replaceIndex: number | null,
): { keymap: Keymap; takenFrom: ActionId[] } {
  const next = {} as Keymap;
  const takenFrom: ActionId[] = [];
  for (const id of ACTION_IDS) {
    const chords = keymap[id].filter((c) => c !== chord || id === action);
    if (chords.length !== keymap[id].length) takenFrom.push(id);
    next[id] = chords;
  }
  const own = next[action].filter((c) => c !== chord);
  if (replaceIndex !== null && replaceIndex < own.length) own.splice(replaceIndex, 1, chord);
  else own.push(chord);
  next[action] = own;
  return { keymap: next, takenFrom };
}
