// The one Vite API the docs use, typed here because `vite/client` is not a direct dependency.
interface ImportMeta {
  glob<T>(
    pattern: string,
    options: { eager: true; import: 'default'; query?: string },
  ): Record<string, T>;
}
