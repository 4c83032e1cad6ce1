// Test-only empty stand-in for the Node built-ins tf-backend-wasm.fesm.js imports for its Node
// code path, which never runs in a browser.
export default {};
