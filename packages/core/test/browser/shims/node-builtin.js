// Test-only empty stand-in for the Node built-ins that tfjs's fesm builds import for their Node
// code paths, which never run in a browser.
export default {};
