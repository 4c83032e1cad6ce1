/**
 * The `eval` script of a worker thread that runs the module at `moduleUrl` (pass the module's
 * own `import.meta.url`): the worker pools keep both sides in one file, so the build needs no
 * extra entry for workers. Node 20 does not hand loaders registered with `--import` on to
 * workers (Node 22 does), so when the module runs from TypeScript source under tsx, the worker
 * registers tsx itself before importing it.
 */
export function workerScript(moduleUrl: string): string {
  const self = JSON.stringify(moduleUrl);
  if (!moduleUrl.endsWith('.ts')) return `import(${self});`;
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return `import(${tsx}).then((tsx) => { tsx.register(); return import(${self}); });`;
}
