// @ts-check
// An ESLint rule, `local/no-type-cycle`: the import cycles that `import-x/no-cycle` leaves out
// because one of their imports imports types only (`import type`, `import { type A }`,
// `export type … from`, `import('./x.js').T`). That rule skips such imports by design (they are
// erased from the JavaScript), but a cycle of types still ties two modules together: neither can
// be read, moved or split without the other. Together the two rules report every cycle of
// relative imports once: `import-x/no-cycle` those made of value imports (dynamic `import()`
// included), this rule the rest.
//
// Each file's imports are read with TypeScript's parser and resolved with the resolver given
// (the one import-x uses), and kept while the file's mtime is unchanged. Only relative imports
// are followed: a cycle stays within a package, since workspace packages import each other's
// builds.
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';

import ts from 'typescript';

/** @typedef {{ target: string, specifier: string, typeOnly: boolean }} Edge */
/** @typedef {{ resolve(source: string, file: string): { found: boolean, path?: string | null } }} Resolver */

const SOURCE = /\.[cm]?[jt]sx?$/;

/** @param {ts.ImportDeclaration | ts.ExportDeclaration} node */
function isTypeOnly(node) {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return false; // `import './x.js'` runs the module
    if (clause.isTypeOnly) return true;
    const named = clause.namedBindings;
    return (
      !clause.name &&
      !!named &&
      ts.isNamedImports(named) &&
      named.elements.length > 0 &&
      named.elements.every((e) => e.isTypeOnly)
    );
  }
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return (
    !!clause &&
    ts.isNamedExports(clause) &&
    clause.elements.length > 0 &&
    clause.elements.every((e) => e.isTypeOnly)
  );
}

/**
 * The relative imports of a module's source text: static, re-exports, dynamic `import()` and
 * `import('…')` types.
 * @param {string} file
 * @param {string} text
 * @returns {{ specifier: string, typeOnly: boolean }[]}
 */
export function relativeImports(file, text) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  /** @type {{ specifier: string, typeOnly: boolean }[]} */
  const found = [];
  /** @param {ts.Node} node */
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnly(node) });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((i) => i.specifier.startsWith('.'));
}

/**
 * @param {Resolver} resolver
 * @returns {import('eslint').Rule.RuleModule}
 */
export function noTypeCycle(resolver) {
  /** @type {Map<string, { mtime: number, edges: Edge[] }>} */
  const cache = new Map();

  /** @param {string} file @param {string} specifier */
  const resolve = (file, specifier) => {
    const result = resolver.resolve(specifier, file);
    const path = result.found ? result.path : undefined;
    return path && SOURCE.test(path) && !/[\\/](node_modules|dist)[\\/]/.test(path)
      ? path
      : undefined;
  };

  /** @param {string} file @returns {Edge[]} */
  const edgesOf = (file) => {
    let mtime;
    try {
      mtime = statSync(file).mtimeMs;
    } catch {
      return [];
    }
    const cached = cache.get(file);
    if (cached && cached.mtime === mtime) return cached.edges;
    /** @type {Edge[]} */
    const edges = [];
    for (const { specifier, typeOnly } of relativeImports(file, readFileSync(file, 'utf8'))) {
      const target = resolve(file, specifier);
      if (target) edges.push({ target, specifier, typeOnly });
    }
    cache.set(file, { mtime, edges });
    return edges;
  };

  /**
   * The files of the shortest import path from `start` back to `goal` (`goal` last): through
   * value imports only, or through any.
   * @param {string} start @param {string} goal @param {boolean} valuesOnly
   * @returns {string[] | undefined}
   */
  const pathBack = (start, goal, valuesOnly) => {
    /** @type {Map<string, string[]>} */
    const route = new Map([[start, [start]]]);
    const queue = [start];
    while (queue.length > 0) {
      const file = /** @type {string} */ (queue.shift());
      const here = /** @type {string[]} */ (route.get(file));
      for (const edge of edgesOf(file)) {
        if (valuesOnly && edge.typeOnly) continue;
        const next = [...here, edge.target];
        if (edge.target === goal) return next;
        if (!route.has(edge.target)) {
          route.set(edge.target, next);
          queue.push(edge.target);
        }
      }
    }
    return undefined;
  };

  return {
    meta: {
      type: 'problem',
      docs: {
        description:
          'Import cycles that go through a type-only import (the ones import-x/no-cycle skips).',
      },
      schema: [],
      messages: {
        cycle:
          'Import cycle through a type-only import: {{route}}. Move the shared types to a module of their own.',
      },
    },
    create(context) {
      const file = context.physicalFilename;
      if (!SOURCE.test(file)) return {};
      /** @param {any} node The import's source string. @param {string} specifier @param {boolean} typeOnly */
      const check = (node, specifier, typeOnly) => {
        if (!specifier.startsWith('.')) return;
        const target = resolve(file, specifier);
        if (!target || target === file) return;
        const back = pathBack(target, file, false);
        if (!back) return;
        // A cycle of value imports alone is import-x/no-cycle's to report.
        if (!typeOnly && pathBack(target, file, true)) return;
        const route = [file, ...back].map((f) => relative(context.cwd, f)).join(' → ');
        context.report({ node, messageId: 'cycle', data: { route } });
      };
      /** @param {any} node An import or export with a source, or `import()`. */
      const fromSource = (node) => {
        const source = node.source;
        if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
        // Whether this import is type-only, as TypeScript reads it (also in .js files).
        const imports = relativeImports(file, context.sourceCode.getText(node));
        check(source, source.value, imports.length > 0 && imports.every((i) => i.typeOnly));
      };
      return {
        ImportDeclaration: fromSource,
        ExportNamedDeclaration: fromSource,
        ExportAllDeclaration: fromSource,
        ImportExpression: fromSource,
        /** @param {any} node `import('./x.js').T` */
        TSImportType(node) {
          const literal = node.argument?.literal ?? node.source;
          if (typeof literal?.value === 'string') check(literal, literal.value, true);
        },
      };
    },
  };
}
