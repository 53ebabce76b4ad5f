import { describe, expect, it } from 'vitest';
import {
  heatColor,
  heatTextColor,
  measureText,
  percentText,
} from '../../../renderer/src/features/agreement/agreementFormat';

describe('agreement figures in words', () => {
  it('writes a measure with its digits, or a dash where it is undefined', () => {
    expect(measureText({ value: 0.6789 })).toBe('0.68');
    expect(measureText({ value: -0.25 }, 3)).toBe('-0.250');
    expect(measureText({ value: null, note: 'one category only' })).toBe('—');
  });

  it('writes shares as percentages', () => {
    expect(percentText(1)).toBe('100.0 %');
    expect(percentText(0)).toBe('0.0 %');
    expect(percentText(0.8333)).toBe('83.3 %');
    expect(percentText(null)).toBe('—');
  });

  it('colours heatmap cells by their share of the largest count', () => {
    const alpha = (c: string) => Number(/([\d.]+)\)$/.exec(c)?.[1]);
    expect(alpha(heatColor(0, 5))).toBeLessThan(0.1);
    expect(alpha(heatColor(5, 5))).toBe(1);
    expect(alpha(heatColor(1, 5))).toBeGreaterThan(alpha(heatColor(0, 5)));
    expect(alpha(heatColor(1, 5))).toBeLessThan(alpha(heatColor(4, 5)));
    expect(heatColor(3, 0)).toBe(heatColor(0, 0));
  });

  it('keeps the count readable: dark text on strong cells, light on faint ones', () => {
    expect(heatTextColor(5, 5)).not.toBe(heatTextColor(1, 5));
    expect(heatTextColor(0, 0)).toBe(heatTextColor(1, 5));
  });
});
