import { describe, expect, it } from 'vitest';
import { PoseConfigError, validateConfig } from '../../../models/pose/config';
import { DEFAULTS } from '../../../models/pose/constants';

describe('validateConfig', () => {
  it('fills every default', () => {
    expect(validateConfig()).toEqual({
      model: DEFAULTS.model,
      backend: 'auto',
      filter: true,
      cropMargin: DEFAULTS.cropMargin,
      frameMaxSide: DEFAULTS.frameMaxSide,
      workers: 'auto',
      minPoseScore: DEFAULTS.minPoseScore,
    });
  });

  it('takes short model names', () => {
    expect(validateConfig({ model: 'lite' }).model).toBe('blazepose-lite');
    expect(validateConfig({ model: 'blazepose-heavy' }).model).toBe('blazepose-heavy');
  });

  it.each([
    [{ model: 'huge' }, 'model', /model must be lite, full or heavy .*"huge"/],
    [{ backend: 'cuda' as never }, 'backend', /backend must be auto or one of tfjs-node-gpu, .*"cuda"/],
    [{ cropMargin: -0.1 }, 'cropMargin', /cropMargin must be from 0 to 2 box sizes \(got -0.1\)/],
    [{ frameMaxSide: 100.5 }, 'frameMaxSide', /frameMaxSide must be a whole number of pixels/],
    [{ workers: 0 }, 'workers', /workers must be from 1 to 64 threads/],
    [
      { minPoseScore: Number.NaN },
      'minPoseScore',
      /minPoseScore must be a number of score from 0 to 1 \(got null\)/,
    ],
    [{ filter: 'yes' as never }, 'filter', /filter must be true or false/],
  ])('refuses %j with a message naming the field and what is allowed', (input, field, message) => {
    let caught: unknown;
    try {
      validateConfig(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PoseConfigError);
    expect((caught as PoseConfigError).field).toBe(field);
    expect((caught as Error).message).toMatch(message);
  });
});
