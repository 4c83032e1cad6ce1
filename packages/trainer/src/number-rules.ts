/**
 * What one numeric config field accepts, in words (for messages) and as a test. Each config
 * module states its fields' rules once; its validate*Config() throws with them and the CLI words
 * its flag errors with them (`--trees must be an integer in 1..10000, got "0"`).
 */
export interface NumberRule {
  readonly expected: string;
  readonly check: (value: number) => boolean;
}

export const POSITIVE_INTEGER: NumberRule = {
  expected: 'a positive integer',
  check: (v) => Number.isInteger(v) && v > 0,
};

export const NON_NEGATIVE_INTEGER: NumberRule = {
  expected: 'a non-negative integer',
  check: (v) => Number.isInteger(v) && v >= 0,
};

/** An integer in min..max. */
export function integerIn(min: number, max: number): NumberRule {
  return {
    expected: `an integer in ${min}..${max}`,
    check: (v) => Number.isInteger(v) && v >= min && v <= max,
  };
}

/**
 * Throws a RangeError for the first field of `config` that breaks its rule, saying what was
 * expected and what was given. Fields that are null or absent are not checked.
 */
export function checkNumbers<K extends string>(
  config: Readonly<Record<K, number | null | undefined>>,
  rules: Readonly<Record<K, NumberRule>>,
): void {
  for (const field of Object.keys(rules) as K[]) {
    const value = config[field];
    if (value === null || value === undefined) continue;
    const rule = rules[field];
    if (!rule.check(value)) throw new RangeError(`${field} must be ${rule.expected}, got ${value}`);
  }
}
