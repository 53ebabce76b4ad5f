import type { TrackKeyframe } from '../../../../shared/domain/annotation';
import type { Box } from '../../../../shared/tracks/interpolate';
import { boxAt, normaliseKeyframes } from '../../../../shared/tracks/interpolate';
import type { PlanClass, PlanTube, PlanVideo } from '../plan';

/** Text for XML content and attribute values. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .split('')
    .filter((c) => {
      const code = c.charCodeAt(0);
      // XML 1.0 allows no control characters but tab, line feed and carriage return.
      return code >= 0x20 || code === 0x9 || code === 0xa || code === 0xd;
    })
    .join('');
}

const UNLABELLED = 'unlabelled';
const PERSON = 'person';
export const CVAT_ACTION_ATTRIBUTE = 'action';

/** CVAT label names must differ: a class takes its node's name, with the id where two classes share one. */
export function cvatClassNames(classes: readonly PlanClass[]): Map<number, string> {
  const count = new Map<string, number>();
  for (const c of classes) count.set(c.node.name, (count.get(c.node.name) ?? 0) + 1);
  return new Map(
    classes.map((c) => [
      c.index,
      (count.get(c.node.name) ?? 0) > 1 ? `${c.node.name} (${c.node.id})` : c.node.name,
    ]),
  );
}

const f2 = (v: number) => v.toFixed(2);

interface Shape {
  frame: number;
  box: Box;
  outside: boolean;
}

/**
 * A tube as CVAT shapes: a box at its first frame (CVAT starts a track at its first shape), its keyframes,
 * and an outside box after its last frame (where the video goes on). A tube without boxes gets the whole
 * frame.
 */
export function tubeShapes(tube: PlanTube): Shape[] {
  const { startFrame: start, endFrame: end } = tube.segment;
  const W = tube.video.record.width;
  const H = tube.video.record.height;
  const kf: TrackKeyframe[] = normaliseKeyframes(tube.segment.keyframes).filter(
    (k) => k.frame >= start && k.frame <= end,
  );
  if (kf.length === 0) {
    const whole = { x: 0, y: 0, width: W, height: H };
    const shapes: Shape[] = [{ frame: start, box: whole, outside: false }];
    if (end + 1 < tube.video.record.frameCount) shapes.push({ frame: end + 1, box: whole, outside: true });
    return shapes;
  }
  const shapes: Shape[] = [];
  let last: Box = { x: 0, y: 0, width: W, height: H };
  if ((kf[0] as TrackKeyframe).frame > start) {
    const at = boxAt(kf, start);
    if (at.box) {
      shapes.push({ frame: start, box: at.box, outside: false });
      last = at.box;
    } else shapes.push({ frame: start, box: last, outside: true });
  }
  for (const k of kf) {
    const box = k.outside ? last : { x: k.x, y: k.y, width: k.width, height: k.height };
    shapes.push({ frame: k.frame, box, outside: k.outside });
    if (!k.outside) last = box;
  }
  if (end + 1 < tube.video.record.frameCount) {
    const at = boxAt(kf, end);
    shapes.push({ frame: end + 1, box: at.box ?? last, outside: true });
  }
  return shapes;
}

/** One video's tubes as a CVAT for video 1.1 task (interpolation mode, frames numbered from 0). */
export function cvatXml(
  video: PlanVideo,
  tubes: readonly PlanTube[],
  classes: readonly PlanClass[],
  options: { labelsAs: 'labels' | 'attribute'; sourceName: string; created: string },
): string {
  const names = cvatClassNames(classes);
  const used = new Set(tubes.map((t) => (t.cls ? t.cls.index : -1)));
  const classLabels = classes.filter((c) => used.has(c.index)).map((c) => names.get(c.index) as string);
  if (used.has(-1)) classLabels.push(UNLABELLED);
  const commonAttributes = [
    `            <attribute>\n              <name>person</name>\n              <mutable>False</mutable>\n              <input_type>number</input_type>\n              <default_value>1</default_value>\n              <values>1;100000;1</values>\n            </attribute>`,
    `            <attribute>\n              <name>uncertain</name>\n              <mutable>False</mutable>\n              <input_type>checkbox</input_type>\n              <default_value>false</default_value>\n              <values>false</values>\n            </attribute>`,
  ];
  const label = (name: string, extra: string[]) =>
    `        <label>\n          <name>${xmlEscape(name)}</name>\n          <type>rectangle</type>\n          <attributes>\n${[...extra, ...commonAttributes].join('\n')}\n          </attributes>\n        </label>`;
  const labels =
    options.labelsAs === 'labels'
      ? classLabels.map((n) => label(n, []))
      : [
          label(PERSON, [
            `            <attribute>\n              <name>${CVAT_ACTION_ATTRIBUTE}</name>\n              <mutable>False</mutable>\n              <input_type>select</input_type>\n              <default_value>${xmlEscape(classLabels[0] ?? UNLABELLED)}</default_value>\n              <values>${classLabels.map(xmlEscape).join('\n')}</values>\n            </attribute>`,
          ]),
        ];
  const r = video.record;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<annotations>',
    '  <version>1.1</version>',
    '  <meta>',
    '    <task>',
    `      <name>${xmlEscape(video.key)}</name>`,
    `      <size>${r.frameCount}</size>`,
    '      <mode>interpolation</mode>',
    '      <overlap>0</overlap>',
    `      <created>${options.created}</created>`,
    `      <updated>${options.created}</updated>`,
    '      <start_frame>0</start_frame>',
    `      <stop_frame>${r.frameCount - 1}</stop_frame>`,
    '      <frame_filter></frame_filter>',
    '      <labels>',
    ...labels,
    '      </labels>',
    '      <original_size>',
    `        <width>${r.width}</width>`,
    `        <height>${r.height}</height>`,
    '      </original_size>',
    '    </task>',
    `    <dumped>${options.created}</dumped>`,
    `    <source>${xmlEscape(options.sourceName)}</source>`,
    '  </meta>',
  ];
  tubes.forEach((t, id) => {
    const className = t.cls ? (names.get(t.cls.index) as string) : UNLABELLED;
    const trackLabel = options.labelsAs === 'labels' ? className : PERSON;
    lines.push(`  <track id="${id}" label="${xmlEscape(trackLabel)}" source="manual">`);
    for (const s of tubeShapes(t)) {
      const attrs = [
        ...(options.labelsAs === 'attribute'
          ? [`      <attribute name="${CVAT_ACTION_ATTRIBUTE}">${xmlEscape(className)}</attribute>`]
          : []),
        `      <attribute name="person">${t.actor.number}</attribute>`,
        `      <attribute name="uncertain">${t.segment.uncertain ? 'true' : 'false'}</attribute>`,
      ];
      lines.push(
        `    <box frame="${s.frame}" outside="${s.outside ? 1 : 0}" occluded="0" keyframe="1" xtl="${f2(s.box.x)}" ytl="${f2(s.box.y)}" xbr="${f2(s.box.x + s.box.width)}" ybr="${f2(s.box.y + s.box.height)}" z_order="0">`,
        ...attrs,
        '    </box>',
      );
    }
    lines.push('  </track>');
  });
  lines.push('</annotations>', '');
  return lines.join('\n');
}
