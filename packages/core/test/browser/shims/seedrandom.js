// Test-only stand-in for the CommonJS `seedrandom` that tfjs's fesm builds import. Only seeded
// sampling kernels call it; inference never does.
function unavailable() {
  throw new Error('seedrandom is not available in the core browser tests.');
}
export const alea = unavailable;
export const xor4096 = unavailable;
export default unavailable;
