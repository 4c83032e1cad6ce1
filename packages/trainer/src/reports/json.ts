/**
 * JSON with two-space indentation, except that arrays holding only numbers stay on one line, so
 * a confusion matrix reads as ten rows of ten counts instead of a hundred lines.
 */
export function formatJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    /\[\s*(-?[\d.eE+-]+(?:,\s*-?[\d.eE+-]+)*)\s*\]/g,
    (_, inner: string) => `[${inner.split(/,\s*/).join(', ')}]`,
  );
  return `${text}\n`;
}
