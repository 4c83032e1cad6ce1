// Test-only stand-in for the CommonJS `seedrandom` package that tf-backend-cpu.fesm.js imports.
// Only the seeded Multinomial kernel calls it; inference never does.
export function alea() {
  throw new Error('seedrandom is not available in the element tests (seeded sampling is unused).');
}
