/** @internal True when running in Node (not a browser or a worker). */
export function isNode(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string' && typeof window === 'undefined';
}

/**
 * @internal Imports a Node built-in by a name bundlers do not try to resolve, so browser builds
 * of this package never pull in Node modules.
 */
export function importNodeBuiltin<T>(name: string): Promise<T> {
  return import(/* @vite-ignore */ /* webpackIgnore: true */ name) as Promise<T>;
}
