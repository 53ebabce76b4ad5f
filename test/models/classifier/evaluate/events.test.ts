import { describe, expect, it } from 'vitest';
import { eventMetrics, eventsOf } from '../../../../models/classifier/evaluate/events';

describe('event-level scores', () => {
  it('finds the runs of a class in per-frame labels', () => {
    const labels = [0, 1, 1, 0, 1, 2, 2];
    const times = [0, 1, 2, 3, 4, 5, 6];
    expect(eventsOf(labels, times, 1)).toEqual([
      { classIndex: 1, startSec: 1, endSec: 3 },
      { classIndex: 1, startSec: 4, endSec: 5 },
    ]);
    expect(eventsOf(labels, times, 2)).toEqual([{ classIndex: 2, startSec: 5, endSec: 6 }]);
  });

  it('counts found events, recall, and false alarms per hour (worked by hand)', () => {
    // Two recordings of 30 min each. Recording 1: a fall at 100–102 s found by an alert at 101–103 s, a
    // fall at 600–601 s missed, a false alarm at 1200 s. Recording 2: a floor event at 50–80 s found late
    // (alert at 80.5 s, within the 1 s tolerance), an alert of a fall during it (not a false alarm).
    const m = eventMetrics(
      [
        {
          durationSec: 1800,
          events: [
            { classIndex: 1, startSec: 100, endSec: 102 },
            { classIndex: 1, startSec: 600, endSec: 601 },
          ],
          alerts: [
            { classIndex: 1, startSec: 101, endSec: 103, startFrame: 0, endFrame: 0, peak: 0.9 },
            { classIndex: 1, startSec: 1200, endSec: 1201, startFrame: 0, endFrame: 0, peak: 0.7 },
          ],
        },
        {
          durationSec: 1800,
          events: [{ classIndex: 2, startSec: 50, endSec: 80 }],
          alerts: [
            { classIndex: 2, startSec: 80.5, endSec: 90, startFrame: 0, endFrame: 0, peak: 0.8 },
            { classIndex: 1, startSec: 60, endSec: 61, startFrame: 0, endFrame: 0, peak: 0.6 },
          ],
        },
      ],
      [1, 2],
      1,
    );
    expect(m.perClass).toEqual([
      { classIndex: 1, events: 2, detected: 1, recall: 0.5, alerts: 3 },
      { classIndex: 2, events: 1, detected: 1, recall: 1, alerts: 1 },
    ]);
    expect(m.falseAlarms).toBe(1);
    expect(m.hours).toBeCloseTo(1, 12);
    expect(m.falseAlarmsPerHour).toBeCloseTo(1, 12);
  });

  it('gives no recall for a class without events and no rate without recordings', () => {
    const m = eventMetrics([], [1], 1);
    expect(m.perClass[0]?.recall).toBeNull();
    expect(m.falseAlarmsPerHour).toBeNull();
  });
});
