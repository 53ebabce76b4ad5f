import { describe, expect, it } from 'vitest';
import { ClassifierConfigError, validateConfig } from '../../../models/classifier/config';
import { DEFAULTS } from '../../../models/classifier/constants';

function messageOf(f: () => unknown): { message: string; field: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof ClassifierConfigError) return { message: err.message, field: err.field };
    throw err;
  }
  throw new Error('did not throw');
}

describe('classifier configuration', () => {
  it('fills every default', () => {
    const c = validateConfig();
    expect(c.architecture).toBe('stgcn');
    expect(c.windowFrames).toBe(DEFAULTS.windowFrames);
    expect(c.frameRateHz).toBe(DEFAULTS.frameRateHz);
    expect(c.augment).toEqual({ ...DEFAULTS.augment });
    expect(c.gcnChannels).toEqual([...DEFAULTS.gcnChannels]);
  });

  it('keeps what is given, nested augmentation settings merged with the defaults', () => {
    const c = validateConfig({ architecture: 'tcn', windowFrames: 32, augment: { mirror: false } });
    expect(c.architecture).toBe('tcn');
    expect(c.windowFrames).toBe(32);
    expect(c.augment.mirror).toBe(false);
    expect(c.augment.scale).toBe(DEFAULTS.augment.scale);
  });

  it('names the field, what is wrong and what is allowed', () => {
    expect(messageOf(() => validateConfig({ architecture: 'lstm' as never }))).toEqual({
      field: 'architecture',
      message:
        'architecture must be tcn or stgcn (a temporal CNN or a spatio-temporal graph convolution), not "lstm".',
    });
    expect(messageOf(() => validateConfig({ windowFrames: 4 }))).toEqual({
      field: 'windowFrames',
      message: 'windowFrames must be from 8 to 256 frames (got 4).',
    });
    expect(messageOf(() => validateConfig({ epochs: 2.5 })).message).toBe(
      'epochs must be a whole number of epochs from 1 to 1000 (got 2.5).',
    );
    expect(messageOf(() => validateConfig({ tcnKernel: 4 })).message).toBe('tcnKernel must be odd (got 4).');
    expect(messageOf(() => validateConfig({ strideFrames: 40, windowFrames: 24 })).field).toBe(
      'strideFrames',
    );
    expect(messageOf(() => validateConfig({ augment: { rotationDeg: 90 } })).field).toBe(
      'augment.rotationDeg',
    );
    expect(messageOf(() => validateConfig({ gcnChannels: [] })).field).toBe('gcnChannels');
    expect(messageOf(() => validateConfig({ velocity: 'yes' as never })).message).toBe(
      'velocity must be true or false (got "yes").',
    );
  });

  it('refuses turning image coordinates to face the camera (that needs world coordinates)', () => {
    expect(messageOf(() => validateConfig({ faceCamera: true })).field).toBe('faceCamera');
    expect(validateConfig({ faceCamera: true, coordinates: 'world' }).faceCamera).toBe(true);
  });
});
