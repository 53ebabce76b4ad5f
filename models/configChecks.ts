/** The error class of a model's configuration (each model names its own, with the field at fault). */
export type ConfigErrorClass = new (message: string, field: string) => Error;

/**
 * A configuration number in [min, max] (a whole one where `integer`), or the model's configuration error
 * saying what is allowed, in the field's unit.
 */
export function numberInRange(
  value: unknown,
  field: string,
  range: { min: number; max: number; integer: boolean; unit: string },
  ErrorClass: ConfigErrorClass,
): number {
  const { min, max, integer, unit } = range;
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new ErrorClass(
      `${field} must be a ${integer ? 'whole number' : 'number'} of ${unit} from ${min} to ${max} (got ${JSON.stringify(value)}).`,
      field,
    );
  }
  if (value < min || value > max) {
    throw new ErrorClass(`${field} must be from ${min} to ${max} ${unit} (got ${value}).`, field);
  }
  return value;
}
