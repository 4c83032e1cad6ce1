// The one Vite API the docs use, typed here because `vite/client` is not a direct dependency.
interface ImportMeta {
  glob<T>(
    pattern: string,
    options: { eager: true; import: 'default'; query?: string },
  ): Record<string, T>;
}

// `import text from './file?raw'`: the file's text, for showing example sources on the usage pages.
declare module '*?raw' {
  const text: string;
  export default text;
}
