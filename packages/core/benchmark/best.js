// The timing rule of the Chromium benchmark modules (browser-bench.js, profile-browser-bench.js),
// as harness.ts's bestMsPerItem in Node.

/** Best of 5 rounds, in ms per item. */
export function best(run, items) {
  let result = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    run();
    result = Math.min(result, (performance.now() - start) / items);
  }
  return result;
}
