import type { AlertEvent } from '../timeline';

/** A true event: a run of frames of one critical class in a recording, seconds. */
export interface TrueEvent {
  classIndex: number;
  startSec: number;
  endSec: number;
}

/** One recording (a track) as event scoring sees it. */
export interface EventRecording {
  durationSec: number;
  events: readonly TrueEvent[];
  alerts: readonly AlertEvent[];
}

export interface ClassEventMetrics {
  classIndex: number;
  events: number;
  detected: number;
  /** Detected over true events, 0–1; null where there is no true event. */
  recall: number | null;
  alerts: number;
}

export interface EventMetrics {
  perClass: ClassEventMetrics[];
  /** Alerts that overlap no true critical event (of any critical class), within the tolerance. */
  falseAlarms: number;
  hours: number;
  /** False alarms over the hours of recording scored; null with no recording. */
  falseAlarmsPerHour: number | null;
  toleranceSec: number;
}

/** The runs of one class in a per-frame label series with times (true events of a recording). */
export function eventsOf(
  labels: ArrayLike<number>,
  times: ArrayLike<number>,
  classIndex: number,
): TrueEvent[] {
  const out: TrueEvent[] = [];
  let start = -1;
  for (let i = 0; i <= labels.length; i++) {
    const on = i < labels.length && labels[i] === classIndex;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      const step = i < times.length ? (times[i] as number) - (times[i - 1] as number) : 0;
      out.push({ classIndex, startSec: times[start] as number, endSec: (times[i - 1] as number) + step });
      start = -1;
    }
  }
  return out;
}

const overlaps = (a0: number, a1: number, b0: number, b1: number, tol: number) =>
  a0 <= b1 + tol && b0 <= a1 + tol;

/**
 * Event-level scores of critical classes over continuous recordings: a true event is found when an alert of
 * its class overlaps it (within `toleranceSec` either side); an alert is a false alarm when it overlaps no
 * true event of any critical class (an alert of "fall" while the person lies on the floor after one is not
 * a false alarm, though it does not find the "on the floor" event either).
 */
export function eventMetrics(
  recordings: readonly EventRecording[],
  critical: readonly number[],
  toleranceSec: number,
): EventMetrics {
  const perClass: ClassEventMetrics[] = critical.map((c) => ({
    classIndex: c,
    events: 0,
    detected: 0,
    recall: null,
    alerts: 0,
  }));
  let falseAlarms = 0;
  let seconds = 0;
  for (const r of recordings) {
    seconds += r.durationSec;
    for (const m of perClass) {
      const events = r.events.filter((e) => e.classIndex === m.classIndex);
      const alerts = r.alerts.filter((a) => a.classIndex === m.classIndex);
      m.events += events.length;
      m.alerts += alerts.length;
      m.detected += events.filter((e) =>
        alerts.some((a) => overlaps(a.startSec, a.endSec, e.startSec, e.endSec, toleranceSec)),
      ).length;
    }
    for (const a of r.alerts) {
      if (!r.events.some((e) => overlaps(a.startSec, a.endSec, e.startSec, e.endSec, toleranceSec)))
        falseAlarms++;
    }
  }
  for (const m of perClass) m.recall = m.events > 0 ? m.detected / m.events : null;
  const hours = seconds / 3600;
  return {
    perClass,
    falseAlarms,
    hours,
    falseAlarmsPerHour: hours > 0 ? falseAlarms / hours : null,
    toleranceSec,
  };
}
