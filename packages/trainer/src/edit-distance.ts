/**
 * The Levenshtein distance between `a` and `b`: the fewest single-character insertions,
 * deletions and substitutions that turn one into the other.
 *
 * @internal
 */
export function editDistance(a: string, b: string): number {
  // One row of the dynamic-programming table at a time: row[j] = distance(a[0..i), b[0..j)).
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, substitution);
    }
    row = next;
  }
  return row[b.length]!;
}

/**
 * The candidate closest to `word` (case-insensitive), or `undefined` when even the closest is
 * too far to be a typo of it: more than a third of `word`'s length away (at least 1, so that
 * `x` does not suggest `lr`). Ties go to the earlier candidate.
 *
 * @internal
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.round(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
