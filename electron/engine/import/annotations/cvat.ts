import type { TrackKeyframe } from '../../../../shared/domain/annotation';
import { boxAt } from '../../../../shared/tracks/interpolate';
import type { ParsedBox, ParsedFile, ParsedKeyframe, ParsedTube } from './model';
import { addLabel } from './model';
import type { Place } from './problems';
import { Problems, fileError } from './problems';
import type { XmlElement } from './xml';
import { childNamed, childrenNamed, parseXml } from './xml';

/** Coordinates further than this from the frame are not a box of any video (1e308 is finite, and absurd). */
export const MAX_COORDINATE = 1_000_000;

const SHAPES = new Set(['box', 'points', 'polyline', 'polygon', 'skeleton', 'ellipse', 'mask', 'cuboid']);

interface LabelSpec {
  name: string;
  type: string;
  attributes: Map<string, { defaultValue: string; mutable: boolean }>;
}

interface Meta {
  startFrame: number | null;
  stopFrame: number | null;
  step: number;
  size: { width: number; height: number } | null;
  labels: Map<string, LabelSpec>;
  source: string | null;
}

interface Shape {
  frame: number;
  outside: boolean;
  keyframe: boolean;
  occluded: boolean;
  box: ParsedBox | null;
  attrs: Map<string, string>;
  place: Place;
}

function placeOf(el: XmlElement, attribute?: string): Place {
  const a = attribute !== undefined ? el.attributes.get(attribute) : undefined;
  return {
    line: a?.line ?? el.line,
    what: `<${el.name}>`,
    ...(attribute !== undefined ? { attribute } : {}),
  };
}

function intText(el: XmlElement | undefined, problems: Problems, what: string): number | null {
  if (!el) return null;
  const t = el.text.trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t)) {
    problems.add({ line: el.line, what: `<${el.name}>` }, `"${t}" is not ${what} (a whole number from 0).`);
    return null;
  }
  return Number(t);
}

function readMeta(root: XmlElement, problems: Problems): Meta {
  const meta = childNamed(root, 'meta');
  const task = meta ? (childNamed(meta, 'task') ?? childNamed(meta, 'job')) : undefined;
  const labels = new Map<string, LabelSpec>();
  let step = 1;
  let size: Meta['size'] = null;
  let startFrame: number | null = null;
  let stopFrame: number | null = null;
  if (task) {
    startFrame = intText(childNamed(task, 'start_frame'), problems, 'a frame number');
    stopFrame = intText(childNamed(task, 'stop_frame'), problems, 'a frame number');
    const filter = childNamed(task, 'frame_filter');
    const f = filter?.text.trim() ?? '';
    if (f !== '') {
      const m = /^step\s*=\s*(\d+)$/.exec(f);
      if (!m || Number(m[1]) < 1)
        problems.add(
          { line: filter?.line ?? task.line, what: '<frame_filter>' },
          `"${f}" is not a frame filter CVAT writes ("step=N").`,
        );
      else step = Number(m[1]);
    }
    const orig = childNamed(task, 'original_size');
    if (orig) {
      const w = intText(childNamed(orig, 'width'), problems, 'a width');
      const h = intText(childNamed(orig, 'height'), problems, 'a height');
      if (w !== null && h !== null && w > 0 && h > 0) size = { width: w, height: h };
    }
    const labelsEl = childNamed(task, 'labels');
    for (const l of labelsEl ? childrenNamed(labelsEl, 'label') : []) {
      const name = childNamed(l, 'name')?.text ?? '';
      if (name.trim() === '') {
        problems.add({ line: l.line, what: '<label>' }, 'a label without a name.');
        continue;
      }
      const attributes = new Map<string, { defaultValue: string; mutable: boolean }>();
      const attrsEl = childNamed(l, 'attributes');
      for (const a of attrsEl ? childrenNamed(attrsEl, 'attribute') : []) {
        const an = childNamed(a, 'name')?.text.trim() ?? '';
        if (an)
          attributes.set(an, {
            defaultValue: childNamed(a, 'default_value')?.text ?? '',
            mutable: /^true$/i.test(childNamed(a, 'mutable')?.text.trim() ?? ''),
          });
      }
      labels.set(name, { name, type: childNamed(l, 'type')?.text.trim() ?? '', attributes });
    }
  }
  if (startFrame !== null && stopFrame !== null && stopFrame < startFrame)
    problems.add(
      { what: '<stop_frame>' },
      `the task stops (frame ${stopFrame}) before it starts (frame ${startFrame}).`,
    );
  const source = meta ? (childNamed(meta, 'source')?.text.trim() ?? null) : null;
  return { startFrame, stopFrame, step, size, labels, source: source || null };
}

function flag(el: XmlElement, name: string, problems: Problems, fallback: boolean): boolean {
  const a = el.attributes.get(name);
  if (!a) return fallback;
  if (a.value === '0') return false;
  if (a.value === '1') return true;
  problems.add(placeOf(el, name), `"${a.value}" is not a flag (0 or 1).`);
  return fallback;
}

function coordinate(text: string, el: XmlElement, attribute: string, problems: Problems): number | null {
  const t = text.trim();
  const v = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(v)) {
    problems.add(placeOf(el, attribute), `"${text}" is not a number.`);
    return null;
  }
  if (Math.abs(v) > MAX_COORDINATE) {
    problems.add(
      placeOf(el, attribute),
      `${t} lies far outside any frame (coordinates are within ±${MAX_COORDINATE} pixels).`,
    );
    return null;
  }
  return v;
}

/** The box a shape covers: a box's own, or the bounds of its points. */
function shapeBox(el: XmlElement, problems: Problems): ParsedBox | null | 'unsupported' {
  const num = (name: string) => {
    const a = el.attributes.get(name);
    if (!a) {
      problems.add(placeOf(el), `the attribute ${name} is missing.`);
      return null;
    }
    return coordinate(a.value, el, name, problems);
  };
  switch (el.name) {
    case 'box': {
      const [x1, y1, x2, y2] = [num('xtl'), num('ytl'), num('xbr'), num('ybr')];
      if (x1 === null || y1 === null || x2 === null || y2 === null) return null;
      if (x2 < x1 || y2 < y1) {
        problems.add(
          placeOf(el, x2 < x1 ? 'xbr' : 'ybr'),
          'the box ends before it starts (xbr < xtl or ybr < ytl).',
        );
        return null;
      }
      return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
    }
    case 'ellipse': {
      const [cx, cy, rx, ry] = [num('cx'), num('cy'), num('rx'), num('ry')];
      if (cx === null || cy === null || rx === null || ry === null) return null;
      return {
        x: cx - Math.abs(rx),
        y: cy - Math.abs(ry),
        width: 2 * Math.abs(rx),
        height: 2 * Math.abs(ry),
      };
    }
    case 'points':
    case 'polyline':
    case 'polygon':
    case 'skeleton': {
      const a = el.attributes.get('points');
      if (!a)
        return el.name === 'skeleton'
          ? 'unsupported'
          : (problems.add(placeOf(el), 'the attribute points is missing.'), null);
      const xs: number[] = [];
      const ys: number[] = [];
      for (const pair of a.value.split(';')) {
        const [px, py, ...rest] = pair.split(',');
        if (px === undefined || py === undefined || rest.length > 0) {
          problems.add(placeOf(el, 'points'), `"${pair}" is not a point (x,y).`);
          return null;
        }
        const x = coordinate(px, el, 'points', problems);
        const y = coordinate(py, el, 'points', problems);
        if (x === null || y === null) return null;
        xs.push(x);
        ys.push(y);
      }
      const x0 = Math.min(...xs);
      const y0 = Math.min(...ys);
      return { x: x0, y: y0, width: Math.max(...xs) - x0, height: Math.max(...ys) - y0 };
    }
    default:
      return 'unsupported';
  }
}

function toKeyframe(s: Shape, outside = s.outside): TrackKeyframe {
  const b = s.box ?? { x: 0, y: 0, width: 0, height: 0 };
  return { frame: s.frame, x: b.x, y: b.y, width: b.width, height: b.height, outside };
}

export interface CvatOptions {
  /** Take labels from this attribute of the shapes (amelia's `attribute` mode writes `action`). */
  labelAttribute?: string | undefined;
}

/**
 * Reads CVAT for video 1.1 XML. Frame numbers are the video's own (CVAT writes absolute frames, with
 * the task's start frame and step); a track becomes one tube per stretch with one label, from its first
 * visible shape to the frame before it goes outside for good (or the task's stop frame), with the shapes
 * marked as keyframes (CVAT's interpolated shapes are left to interpolation again) and outside keyframes
 * inside. Points, polylines, polygons, skeletons and ellipses become the box around them.
 */
export function parseCvat(text: string, fileName: string, options: CvatOptions = {}): ParsedFile {
  const root = parseXml(text, fileName);
  if (root.name !== 'annotations')
    throw fileError(
      fileName,
      { line: root.line, what: `<${root.name}>` },
      'the root element is not <annotations>: this is not a CVAT XML file.',
    );
  const problems = new Problems(fileName);
  const warnings: string[] = [];
  const version = childNamed(root, 'version')?.text.trim();
  if (version !== '1.1')
    warnings.push(`The file says CVAT format version ${version ?? '(none)'}; amelia reads 1.1.`);
  const image = childNamed(root, 'image');
  if (image)
    throw fileError(
      fileName,
      { line: image.line, what: '<image>' },
      'this is CVAT for images: export the task as "CVAT for video 1.1" to keep its tracks.',
    );
  const meta = readMeta(root, problems);

  let labelAttribute = options.labelAttribute;
  if (labelAttribute === undefined) {
    const specs = [...meta.labels.values()].filter((l) => l.type !== 'points' || l.attributes.size > 0);
    if (specs.length > 0 && specs.every((l) => l.attributes.has('action'))) {
      labelAttribute = 'action';
      warnings.push(
        'Every label has an "action" attribute (as amelia writes it): tubes take their labels from it.',
      );
    }
  }

  const parsed: ParsedFile = {
    format: 'cvat-video',
    fileName,
    sources: [],
    tubes: [],
    labels: new Map(),
    warnings,
    multiVideo: false,
    mappingKey: 'cvat',
  };
  const sourceKey = meta.source ?? 'task';
  let occluded = 0;
  let nonBox = 0;
  let skippedTags = 0;
  const unsupported = new Set<string>();

  for (const el of root.children) {
    if (el.name === 'tag') {
      skippedTags++;
      continue;
    }
    if (el.name !== 'track') continue;
    const idText = el.attributes.get('id')?.value ?? '';
    const label = el.attributes.get('label')?.value;
    if (label === undefined) {
      problems.add(placeOf(el), 'a track without a label attribute.');
      continue;
    }
    if (meta.labels.size > 0 && !meta.labels.has(label))
      problems.add(placeOf(el, 'label'), `"${label}" is not one of the task's labels.`);
    const spec = meta.labels.get(label);
    const shapes: Shape[] = [];
    for (const s of el.children) {
      if (s.name === 'track') continue; // parts of a skeleton: the skeleton's own points cover them
      if (!SHAPES.has(s.name)) continue;
      const frameAttr = s.attributes.get('frame');
      const frameText = frameAttr?.value.trim() ?? '';
      let frame = -1;
      if (!frameAttr) problems.add(placeOf(s), 'the attribute frame is missing.');
      else if (!/^\d+$/.test(frameText))
        problems.add(
          placeOf(s, 'frame'),
          `"${frameAttr.value}" is not a frame number (a whole number from 0).`,
        );
      else frame = Number(frameText);
      const box = shapeBox(s, problems);
      const outside = flag(s, 'outside', problems, false);
      const keyframe = flag(s, 'keyframe', problems, true);
      const occ = flag(s, 'occluded', problems, false);
      if (box === 'unsupported') {
        unsupported.add(s.name);
        continue;
      }
      if (frame < 0 || box === null) continue;
      if (s.name !== 'box') nonBox++;
      if (occ && !outside) occluded++;
      const attrs = new Map<string, string>();
      for (const a of childrenNamed(s, 'attribute')) {
        const n = a.attributes.get('name')?.value;
        if (n !== undefined) attrs.set(n, a.text.trim());
      }
      shapes.push({ frame, outside, keyframe, occluded: occ, box, attrs, place: placeOf(s, 'frame') });
    }
    shapes.sort((a, b) => a.frame - b.frame);
    for (let i = 1; i < shapes.length; i++) {
      if ((shapes[i] as Shape).frame === (shapes[i - 1] as Shape).frame)
        problems.add(
          (shapes[i] as Shape).place,
          `a second shape at frame ${(shapes[i] as Shape).frame} in track ${idText}.`,
        );
    }
    if (shapes.length === 0) continue;

    const labelOf = (s: Shape): string | null => {
      if (labelAttribute === undefined) return label;
      const v = s.attrs.get(labelAttribute) ?? spec?.attributes.get(labelAttribute)?.defaultValue;
      if (v === undefined || v === '') {
        problems.add(s.place, `no "${labelAttribute}" attribute to take the label from.`);
        return null;
      }
      return v;
    };
    const person = shapes.find((s) => s.attrs.has('person'))?.attrs.get('person');
    const actor = person !== undefined && /^\d+$/.test(person) ? `person ${person}` : `track ${idText}`;
    const uncertain = shapes.some((s) => s.attrs.get('uncertain') === 'true');
    const otherAttrs: string[] = [];
    const seen = new Map<string, string>();
    for (const s of shapes) {
      if (s.outside) continue;
      for (const [k, v] of s.attrs) {
        if (k === labelAttribute || k === 'person' || k === 'uncertain') continue;
        if (seen.get(k) !== v) {
          otherAttrs.push(`${k}=${v} (frame ${s.frame})`);
          seen.set(k, v);
        }
      }
    }
    const note = otherAttrs.length > 0 ? `CVAT attributes: ${otherAttrs.join(', ')}` : '';

    interface Run {
      label: string | null;
      start: number;
      kfs: TrackKeyframe[];
      places: Place[];
      pendingOutside: Shape | null;
      place: Place;
    }
    let run: Run | null = null;
    const lastFrame = (shapes[shapes.length - 1] as Shape).frame;
    const close = (r: Run, end: number, implicit = false, endPlace?: Place) => {
      const keyframes: ParsedKeyframe[] = r.kfs
        .filter((k) => k.frame >= r.start && k.frame <= end)
        .map((k, i) => ({
          at: { frame: k.frame },
          box: { x: k.x, y: k.y, width: k.width, height: k.height },
          outside: k.outside,
          place: r.places[i] ?? r.place,
        }));
      if (r.label !== null) addLabel(parsed, r.label);
      const tube: ParsedTube = {
        source: sourceKey,
        actor,
        label: r.label,
        start: { frame: r.start },
        end: { frame: Math.max(r.start, end) },
        ...(implicit ? { endImplicit: true } : {}),
        ...(endPlace ? { endPlace } : {}),
        keyframes,
        units: 'pixels',
        ...(meta.size ? { frameSize: meta.size } : {}),
        uncertain,
        note,
        place: r.place,
      };
      parsed.tubes.push(tube);
    };
    shapes.forEach((s, i) => {
      const lbl = labelOf(s);
      if (s.outside) {
        if (run && !run.pendingOutside) run.pendingOutside = s;
        return;
      }
      if (run && lbl !== run.label) {
        // The label changes here: the stretch before ends on the frame before, its box held there.
        if (run.pendingOutside) close(run, run.pendingOutside.frame - 1, false, run.pendingOutside.place);
        else {
          const end = s.frame - 1;
          const at = boxAt([...run.kfs, toKeyframe(s)], end);
          if (at.box && !run.kfs.some((k) => k.frame === end) && end >= run.start) {
            run.kfs.push({ frame: end, ...at.box, outside: false });
            run.places.push(s.place);
          }
          close(run, end);
        }
        run = null;
      }
      if (!run) {
        run = { label: lbl, start: s.frame, kfs: [], places: [], pendingOutside: null, place: s.place };
      } else if (run.pendingOutside) {
        run.kfs.push(toKeyframe(run.pendingOutside, true));
        run.places.push(run.pendingOutside.place);
        run.pendingOutside = null;
      }
      if (s.keyframe || run.kfs.length === 0 || i === 0 || run.kfs[run.kfs.length - 1]?.outside === true) {
        run.kfs.push(toKeyframe(s, false));
        run.places.push(s.place);
      }
    });
    const open = run as Run | null;
    if (open) {
      if (open.pendingOutside) close(open, open.pendingOutside.frame - 1, false, open.pendingOutside.place);
      else close(open, Math.max(lastFrame, meta.stopFrame ?? lastFrame), true);
    }
  }
  problems.fail();
  parsed.sources = [{ key: sourceKey }];
  if (nonBox > 0)
    warnings.push(
      `${nonBox} points, polyline, polygon, skeleton or ellipse shapes were taken as the box around them.`,
    );
  if (occluded > 0)
    warnings.push(
      `${occluded} shapes are marked occluded: amelia keeps their boxes (it has no occlusion flag).`,
    );
  if (unsupported.size > 0)
    warnings.push(`Shapes of kind ${[...unsupported].join(', ')} have no box and were left out.`);
  if (skippedTags > 0) warnings.push(`${skippedTags} frame tags (no person) were left out.`);
  if (meta.step > 1)
    warnings.push(
      `The task shows every ${meta.step}th frame from frame ${meta.startFrame ?? 0}: boxes between are interpolated, as in CVAT.`,
    );
  if (parsed.tubes.length === 0) warnings.push('The file has no track with a shape amelia can import.');
  return parsed;
}
