/** A count with its noun: "1 tube", "3 tubes", "2 people". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
