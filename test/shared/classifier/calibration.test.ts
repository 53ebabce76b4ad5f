import { describe, expect, it } from 'vitest';
import { calibration } from '../../../shared/classifier/calibration';

describe('calibration', () => {
  it('bins confidences and computes the expected calibration error by hand', () => {
    // 5 bins of 0.2. Predictions: 0.1 (wrong) → bin 0; 0.3, 0.35 (right, wrong) → bin 1;
    // 0.9, 0.95, 1.0 (right, right, wrong) → bin 4 (1.0 falls in the last bin).
    const c = calibration([0.1, 0.3, 0.35, 0.9, 0.95, 1.0], [false, true, false, true, true, false], 5);
    expect(c.bins.map((b) => b.count)).toEqual([1, 2, 0, 0, 3]);
    expect(c.bins[1]?.confidence).toBeCloseTo(0.325, 12);
    expect(c.bins[1]?.accuracy).toBeCloseTo(0.5, 12);
    expect(c.bins[4]?.confidence).toBeCloseTo(0.95, 12);
    expect(c.bins[4]?.accuracy).toBeCloseTo(2 / 3, 12);
    // ECE = 1/6·|0 − 0.1| + 2/6·|0.5 − 0.325| + 3/6·|2/3 − 0.95|
    const ece = (1 / 6) * 0.1 + (2 / 6) * 0.175 + (3 / 6) * (0.95 - 2 / 3);
    expect(c.ece).toBeCloseTo(ece, 12);
    expect(c.mce).toBeCloseTo(0.95 - 2 / 3, 12);
    // An empty bin sits at its centre and adds nothing.
    expect(c.bins[2]).toMatchObject({ count: 0, confidence: 0.5, accuracy: 0 });
    expect(c.bins[2]?.lo).toBeCloseTo(0.4, 12);
    expect(c.bins[2]?.hi).toBeCloseTo(0.6, 12);
  });

  it('is 0 for a perfectly calibrated set', () => {
    const conf = [0.75, 0.75, 0.75, 0.75];
    expect(calibration(conf, [true, true, true, false], 10).ece).toBeCloseTo(0, 12);
  });

  it('refuses mismatched lists and a bad bin count', () => {
    expect(() => calibration([0.5], [], 10)).toThrow(/1 confidences but 0 outcomes/);
    expect(() => calibration([0.5], [true], 0)).toThrow(/0 bins/);
  });
});
