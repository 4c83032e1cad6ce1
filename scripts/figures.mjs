#!/usr/bin/env node
// `pnpm figures`: every figure the READMEs, docs/architecture.md and the model card quote from the
// trainer's reports is written from reports/*.json between markers:
//
//   <!-- figure: fused.unipen.accuracy -->99.34%<!-- /figure -->         one figure, inline
//   <!-- figures: accuracy-table -->                                     a generated block (a
//   …                                                                    whole table), on lines
//   <!-- /figures -->                                                    of its own
//
// The name after `figure:` / `figures:` is a key of FIGURES / BLOCKS below; the text between the
// markers is whatever that entry computes, and is never edited by hand. `pnpm figures` rewrites
// it; `pnpm figures --check` changes nothing and lists, as `file:line`, every region whose text
// differs from its report (expected and found), every marker naming an unknown figure and every
// marker left open. apps/docs/test/figures.test.ts runs the check in `pnpm test`.
//
// Figures that no report holds (benchmark timings, one-off experiments) stay typed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is in scripts/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// Formats: how a report value becomes text.

const percent = (fraction, digits = 2) => `${(fraction * 100).toFixed(digits)}%`;
const count = (n) => n.toLocaleString('en-US');

/** Each format takes the value found at `field` (a number, an object or an array). */
export const FORMATS = {
  /** 0.99337 → `99.34%` (as the trainer's reports and the model card write it). */
  percent: (v) => percent(number(v)),
  /** 0.97538 → `97.5%`. */
  percent1: (v) => percent(number(v), 1),
  /** 3168 → `3,168`. */
  count: (v) => count(number(v)),
  /** An array → its length, e.g. the epochs of a history. */
  length: (v) => count(array(v).length),
  /** Seconds → `19.7 min`. */
  minutes: (v) => `${(number(v) / 60).toFixed(1)} min`,
  /** Bytes → `5.8 KiB`. */
  kib: (v) => `${(number(v) / 1024).toFixed(1)} KiB`,
  /** Bytes → `137 KB` (KiB, rounded). */
  kb: (v) => `${Math.round(number(v) / 1024)} KB`,
  /** Bytes → `5.7 MB` (MiB). */
  mb: (v) => `${(number(v) / 1024 / 1024).toFixed(1)} MB`,
  /** 140138 → `140k`. */
  thousands: (v) => `${Math.round(number(v) / 1000)}k`,
  /** 458.76 → `459`. */
  rounded: (v) => count(Math.round(number(v))),
  /** A per-class entry → `317 of 325`: the digits of that class read right, of all of them. */
  correctOf: (v) => {
    const c = object(v);
    return `${count(Math.round(number(c.recall) * number(c.support)))} of ${count(number(c.support))}`;
  },
  /** A per-class list → `4: 97.5%`, the digit with the lowest recall. */
  lowestRecall: (v) => {
    const lowest = array(v).reduce((a, b) => (b.recall < a.recall ? b : a));
    return `${lowest.digit}: ${percent(lowest.recall, 1)}`;
  },
  /** A per-class list → `97.2–99.7%`, the lowest and highest recall. */
  recallRange: (v) => {
    const recalls = array(v).map((c) => number(c.recall));
    return `${(Math.min(...recalls) * 100).toFixed(1)}–${percent(Math.max(...recalls), 1)}`;
  },
  /** An evaluation (`count` and `confusionMatrix`) → how many digits it read wrong. */
  errors: (v) => {
    const e = object(v);
    const right = array(e.confusionMatrix).reduce((sum, row, i) => sum + number(row[i]), 0);
    return count(number(e.count) - right);
  },
};

function number(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`not a number: ${v}`);
  return v;
}
function array(v) {
  if (!Array.isArray(v) || v.length === 0) throw new TypeError('not a non-empty array');
  return v;
}
function object(v) {
  if (v === null || typeof v !== 'object') throw new TypeError(`not an object: ${v}`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// The registry: name → report file (under reports/), field and format. A field is a path of
// keys and indices: `heldOut[id=unipen].views.fused.perClass[4]`, `formats[format=uint8].accuracy` (the
// element of an array whose `format` is `uint8`), `history[-1]` (the last element).

const EVALUATION = 'cnn/evaluation.json';
const EXPORT = 'cnn/export.json';
const CNN_TRAINING = 'cnn/training.json';
const TRAJECTORY = 'trajectory/training.json';
const ADAPT = 'adapt/adapt.json';

/** @type {Record<string, { file: string, field: string, format: keyof typeof FORMATS, value?: (v: any) => unknown }>} */
export const FIGURES = {
  // reports/cnn/evaluation.json: the shipped CNN and the replaced CNN in one run.
  'cnn.mnist.accuracy': { file: EVALUATION, field: 'accuracy', format: 'percent' },
  'cnn.parameters': { file: EVALUATION, field: 'parameters', format: 'count' },
  'cnn.parameters.k': { file: EVALUATION, field: 'parameters', format: 'thousands' },
  'cnn.weightBytes': { file: EVALUATION, field: 'modelBytes', format: 'count' },
  'cnn.weightBytes.kb': { file: EVALUATION, field: 'modelBytes', format: 'kb' },
  'cnn.topology.kib': { file: EVALUATION, field: 'topologyBytes', format: 'kib' },
  'replaced.mnist.accuracy': { file: EVALUATION, field: 'baseline.accuracy', format: 'percent' },
  // Each held-out set's figures, `cnn.unipen.accuracy`, `fused.unipen.correct.4`, `unipen.count`,
  // … : see heldOutFigures below.

  // reports/baselines/*.json
  'forest.mnist.accuracy': { file: 'baselines/forest.json', field: 'accuracy', format: 'percent' },
  'forest.size.mb': { file: 'baselines/forest.json', field: 'modelBytes', format: 'mb' },
  'forest.trees': {
    file: 'baselines/forest.json',
    field: 'hyperParameters[name=trees].value',
    format: 'count',
  },
  'tree.mnist.accuracy': { file: 'baselines/tree.json', field: 'accuracy', format: 'percent' },
  'mnist.test.count': { file: 'comparison.json', field: 'testSet.count', format: 'count' },

  // reports/cnn/export.json: the weight formats measured by `export` (and the model card's
  // headline figures, which `export` writes from the same measurement).
  'export.mnist.accuracy': { file: EXPORT, field: 'accuracy', format: 'percent' },
  'export.unipen.accuracy': { file: EXPORT, field: 'unipenAccuracy', format: 'percent' },
  'export.float32.accuracy': {
    file: EXPORT,
    field: 'formats[format=float32].accuracy',
    format: 'percent',
  },
  'export.float16.accuracy': {
    file: EXPORT,
    field: 'formats[format=float16].accuracy',
    format: 'percent',
  },
  'export.uint8.accuracy': {
    file: EXPORT,
    field: 'formats[format=uint8].accuracy',
    format: 'percent',
  },

  // reports/cnn/training.json: the shipped CNN's training run.
  'cnn.training.epochs': { file: CNN_TRAINING, field: 'history', format: 'length' },
  'cnn.training.images': { file: CNN_TRAINING, field: 'trainCount', format: 'count' },
  'cnn.training.mnistImages': {
    file: CNN_TRAINING,
    field: '',
    format: 'count',
    value: (r) => number(r.trainCount) - number(r.strokeCount),
  },
  'cnn.training.strokeImages': { file: CNN_TRAINING, field: 'strokeCount', format: 'count' },
  'cnn.training.validation': { file: CNN_TRAINING, field: 'validationCount', format: 'count' },
  'cnn.training.minutes': { file: CNN_TRAINING, field: 'fitSeconds', format: 'minutes' },
  'cnn.training.workers': { file: CNN_TRAINING, field: 'config.workers', format: 'count' },
  'cnn.training.samplesPerSec': { file: CNN_TRAINING, field: 'samplesPerSec', format: 'rounded' },

  // reports/trajectory/training.json: `train-trajectory` (and the model card's trajectory
  // section, which it writes from the same measurement).
  'trajectory.parameters': { file: TRAJECTORY, field: 'parameters', format: 'count' },
  'trajectory.parameters.k': { file: TRAJECTORY, field: 'parameters', format: 'thousands' },
  'trajectory.weightBytes.kb': {
    file: TRAJECTORY,
    field: 'formats[format=uint8].weightBytes',
    format: 'kb',
  },
  'trajectory.epochs': { file: TRAJECTORY, field: 'config.epochs', format: 'count' },
  'trajectory.validation.count': { file: TRAJECTORY, field: 'validationCount', format: 'count' },
  'trajectory.validation.writers': {
    file: TRAJECTORY,
    field: 'validationWriters',
    format: 'count',
  },
  'trajectory.validation.bestEpoch': { file: TRAJECTORY, field: 'bestEpoch', format: 'count' },
  'trajectory.validation.bestAccuracy': {
    file: TRAJECTORY,
    field: 'bestValAccuracy',
    format: 'percent',
  },
  'trajectory.validation.lastAccuracy': {
    file: TRAJECTORY,
    field: 'history[-1].valAccuracy',
    format: 'percent',
  },
  'trajectory.validation.minutes': { file: TRAJECTORY, field: 'fitSeconds', format: 'minutes' },
  'trajectory.float32.accuracy': {
    file: TRAJECTORY,
    field: 'formats[format=float32].accuracy',
    format: 'percent',
  },
  'trajectory.float16.accuracy': {
    file: TRAJECTORY,
    field: 'formats[format=float16].accuracy',
    format: 'percent',
  },
  'trajectory.uint8.accuracy': {
    file: TRAJECTORY,
    field: 'formats[format=uint8].accuracy',
    format: 'percent',
  },
  'trajectory.refit.count': { file: TRAJECTORY, field: 'refit.trainCount', format: 'count' },
  'trajectory.refit.writers': { file: TRAJECTORY, field: 'refit.trainWriters', format: 'count' },
  'trajectory.refit.minutes': { file: TRAJECTORY, field: 'refit.fitSeconds', format: 'minutes' },
  'trajectory.heldOut.cnn.accuracy': {
    file: TRAJECTORY,
    field: 'heldOut.cnn.accuracy',
    format: 'percent',
  },
  'trajectory.heldOut.trajectory.accuracy': {
    file: TRAJECTORY,
    field: 'heldOut.trajectory.accuracy',
    format: 'percent',
  },
  'trajectory.heldOut.fused.accuracy': {
    file: TRAJECTORY,
    field: 'heldOut.fused.accuracy',
    format: 'percent',
  },
  // reports/adapt/adapt.json (`evaluate --adapt`): each setting without and with a writer's
  // profile, over all held-out writers and over those with at least 100 digits.
  ...adaptFigures(),
};

/**
 * `adapt.<setting>.<group>.<what>`: setting `shipped` (a) or `mnist-alone` (b), group `all` or
 * `large`, what `without` / `with` (accuracy), `errorsWithout` / `errorsWith`, `corrections`,
 * `writers`, `digits`.
 */
function adaptFigures() {
  const figures = {};
  for (const setting of ['shipped', 'mnist-alone'])
    for (const group of ['all', 'large']) {
      const at = (field) => `settings[id=${setting}].${group}.${field}`;
      const name = (what) => `adapt.${setting}.${group}.${what}`;
      figures[name('without')] = { file: ADAPT, field: at('accuracyWithout'), format: 'percent' };
      figures[name('with')] = { file: ADAPT, field: at('accuracyWith'), format: 'percent' };
      for (const what of ['errorsWithout', 'errorsWith', 'corrections', 'writers', 'digits'])
        figures[name(what)] = { file: ADAPT, field: at(what), format: 'count' };
    }
  return figures;
}

// Held-out sets. reports/cnn/evaluation.json lists each set the trainer measured on in
// `heldOut` (`[{ id, title, description, views: { image, trajectory?, fused? } }]`, the baseline's
// in `baseline.heldOut`), so each set's figures are named after its id: `<view>.<id>.<what>`, the
// view one of VIEWS and <what> accuracy, lowestRecall, recallRange, errors, recall.<digit>
// (`97.5%`) or correct.<digit> (`317 of 325`); `<id>.count` and `<id>.writers`; and the
// baselines' `forest.<id>.accuracy` and `tree.<id>.accuracy` (their reports hold a set under its
// id). A set registered in the trainer needs no entry here: its names resolve on first use.

/** Each view of a held-out set: where evaluation.json holds its figures, given the set's id. */
const VIEWS = {
  cnn: (id) => `heldOut[id=${id}].views.image`,
  trajectory: (id) => `heldOut[id=${id}].views.trajectory`,
  fused: (id) => `heldOut[id=${id}].views.fused`,
  replaced: (id) => `baseline.heldOut[id=${id}].views.image`,
};

/** Every figure of the held-out set `id`, by name. */
export function heldOutFigures(id) {
  /** @type {typeof FIGURES} */
  const entries = {
    [`${id}.count`]: { file: EVALUATION, field: `${VIEWS.cnn(id)}.count`, format: 'count' },
    [`${id}.writers`]: { file: EVALUATION, field: `${VIEWS.cnn(id)}.writers`, format: 'count' },
  };
  for (const baseline of ['forest', 'tree']) {
    entries[`${baseline}.${id}.accuracy`] = {
      file: `baselines/${baseline}.json`,
      field: `${id}.accuracy`,
      format: 'percent',
    };
  }
  for (const [view, pathOf] of Object.entries(VIEWS)) {
    const path = pathOf(id);
    const name = `${view}.${id}`;
    entries[`${name}.accuracy`] = {
      file: EVALUATION,
      field: `${path}.accuracy`,
      format: 'percent',
    };
    for (const format of ['lowestRecall', 'recallRange']) {
      entries[`${name}.${format}`] = { file: EVALUATION, field: `${path}.perClass`, format };
    }
    entries[`${name}.errors`] = { file: EVALUATION, field: path, format: 'errors' };
    for (let digit = 0; digit < 10; digit++) {
      const field = `${path}.perClass[digit=${digit}]`;
      entries[`${name}.recall.${digit}`] = {
        file: EVALUATION,
        field: `${field}.recall`,
        format: 'percent1',
      };
      entries[`${name}.correct.${digit}`] = { file: EVALUATION, field, format: 'correctOf' };
    }
  }
  return entries;
}

// UNIPEN's names are listed (the docs quote them); any other set's resolve through figureEntry.
Object.assign(FIGURES, heldOutFigures('unipen'));

/** The registry entry named `name`: a listed one, or a held-out set's (see heldOutFigures). */
export function figureEntry(name) {
  if (Object.hasOwn(FIGURES, name)) return FIGURES[name];
  const parts = name.split('.');
  for (const id of [parts[0], parts[1]]) {
    if (id && /^[a-z0-9][a-z0-9-]*$/.test(id)) {
      const entry = heldOutFigures(id)[name];
      if (entry) return entry;
    }
  }
  return undefined;
}

/** The value at `field` of `json` (see the registry's comment for the syntax). */
export function fieldOf(json, field) {
  let value = json;
  for (const step of field.match(/[^.[\]]+|\[[^\]]*\]/g) ?? []) {
    const bracket = /^\[(.*)\]$/.exec(step);
    if (bracket) {
      const inside = bracket[1];
      const select = /^(\w+)=(.*)$/.exec(inside);
      if (!Array.isArray(value)) throw new TypeError(`${step}: not an array`);
      value = select
        ? value.find((item) => item !== null && String(item[select[1]]) === select[2])
        : value.at(Number(inside));
    } else {
      value = value === null || typeof value !== 'object' ? undefined : value[step];
    }
    if (value === undefined) throw new TypeError(`no ${step}`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Blocks: generated regions of whole lines, each a function of a `figure(name)` lookup.

/**
 * Each block gets the figure lookup and `report(file)`, the parsed report under reports/ (e.g. to
 * list the held-out sets an evaluation holds).
 * @type {Record<string, (figure: (name: string) => string, report: (file: string) => any) => string>}
 */
export const BLOCKS = {
  // README.md, "How well it reads": one column per held-out set of reports/cnn/evaluation.json.
  'accuracy-table': (f, report) => {
    const evaluation = report(EVALUATION);
    const sets = evaluation.heldOut ?? [];
    const has = (view) => sets.some((s) => s.views[view]);
    /** A row's cells for each set: `cell(set)`, or `—` where `when(set)` is false. */
    const perSet = (when, cell) => sets.map((s) => (when(s) ? cell(s) : '—')).join(' | ');
    const inBaseline = (s) => evaluation.baseline?.heldOut?.some((b) => b.id === s.id);
    const rows = [
      `| | MNIST test set (${f('mnist.test.count')}) | ${perSet(
        () => true,
        (s) => `${s.title} (${f(`${s.id}.count`)} digits, ${f(`${s.id}.writers`)} writers)`,
      )} |`,
      `| --- | ---: | ${sets.map(() => '---:').join(' | ')} |`,
    ];
    if (has('fused')) {
      rows.push(
        `| **what the element answers for a drawing**: the CNN and the trajectory model fused | — (images have no pen path) | ${perSet(
          (s) => s.views.fused,
          (s) => `**${f(`fused.${s.id}.accuracy`)}**`,
        )} |`,
      );
    }
    rows.push(
      `| shipped CNN alone (${f('cnn.parameters.k')} parameters, ${f('cnn.weightBytes.kb')} of uint8 weights; MNIST + ${f('trajectory.refit.writers')} UNIPEN writers' strokes): what images and 28×28 arrays get | ${f('cnn.mnist.accuracy')} | ${perSet(
        () => true,
        (s) => f(`cnn.${s.id}.accuracy`),
      )} |`,
    );
    if (has('trajectory')) {
      rows.push(
        `| shipped trajectory model alone (${f('trajectory.parameters.k')} parameters, ${f('trajectory.weightBytes.kb')} of uint8 weights; the pen path of the ${f('trajectory.refit.writers')} UNIPEN training writers) | — | ${perSet(
          (s) => s.views.trajectory,
          (s) => f(`trajectory.${s.id}.accuracy`),
        )} |`,
      );
    }
    if (evaluation.baseline) {
      rows.push(
        `| ${evaluation.baseline.label} | ${f('replaced.mnist.accuracy')} | ${perSet(inBaseline, (s) => f(`replaced.${s.id}.accuracy`))} |`,
      );
    }
    for (const [name, label] of [
      ['forest', `random forest, ${f('forest.trees')} trees (${f('forest.size.mb')})`],
      ['tree', 'decision tree'],
    ]) {
      const baseline = report(`baselines/${name}.json`);
      rows.push(
        `| ${label} | ${f(`${name}.mnist.accuracy`)} | ${perSet(
          (s) => baseline[s.id] !== undefined,
          (s) => f(`${name}.${s.id}.accuracy`),
        )} |`,
      );
    }
    return rows.join('\n');
  },
};

// ---------------------------------------------------------------------------------------------
// Computing figures.

/** A figure lookup over `root`'s reports/, each report file read once. */
export function figureReader(root = repoRoot) {
  const reports = new Map();
  const read = (file) => {
    if (!reports.has(file)) {
      const path = join(root, 'reports', file);
      if (!existsSync(path))
        throw new Error(`reports/${file} does not exist (run \`pnpm report\`)`);
      reports.set(file, JSON.parse(readFileSync(path, 'utf8')));
    }
    return reports.get(file);
  };
  const figure = (name) => {
    const entry = figureEntry(name);
    if (!entry) throw new Error(`unknown figure "${name}"`);
    const json = read(entry.file);
    try {
      const raw = entry.value ? entry.value(json) : fieldOf(json, entry.field);
      return FORMATS[entry.format](raw);
    } catch (error) {
      throw new Error(`figure "${name}": reports/${entry.file} ${entry.field}: ${error.message}`);
    }
  };
  const block = (name) => {
    const render = BLOCKS[name];
    if (!render) throw new Error(`unknown figures block "${name}"`);
    return render(figure, read);
  };
  return { figure, block };
}

// ---------------------------------------------------------------------------------------------
// Documents.

/** Folders never searched for markers: dependencies, build output, the reports themselves, and
 * release notes (.changeset/, CHANGELOG.md: what was true of a release stays as written). */
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'storybook-static',
  '.turbo',
  '.git',
  '.changeset',
  'reports',
  'runs',
  'checkpoints',
  'coverage',
  '.cache',
]);

/** Every Markdown file of the repository that may quote a figure, relative to `root`. */
export function documents(root = repoRoot) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name));
      } else if (/\.mdx?$/.test(entry.name) && entry.name !== 'CHANGELOG.md') {
        found.push(relative(root, join(dir, entry.name)).split(sep).join('/'));
      }
    }
  };
  walk(root);
  return found.sort();
}

const MARKER = /<!--\s*(\/?)(figures?)(?::\s*([^\s>]*))?\s*-->/g;

/**
 * The regions of one document and their problems: each `{ kind, name, line, start, end, found }`
 * is the text between an opening marker (ending at `start`) and its closing one (at `end`).
 */
export function regionsOf(text) {
  const regions = [];
  const problems = [];
  const lineAt = (index) => text.slice(0, index).split('\n').length;
  let open = null;
  for (const m of text.matchAll(MARKER)) {
    const [marker, closing, kind, name] = m;
    const line = lineAt(m.index);
    if (!closing) {
      if (open)
        problems.push({
          line: open.line,
          message: `<!-- ${open.kind}: ${open.name} --> is not closed`,
        });
      if (!name) problems.push({ line, message: `${marker} names no figure` });
      open = name ? { kind, name, line, start: m.index + marker.length } : null;
    } else if (!open || open.kind !== kind) {
      problems.push({ line, message: `${marker} closes no <!-- ${kind}: … -->` });
      open = null;
    } else {
      regions.push({ ...open, end: m.index, found: text.slice(open.start, m.index) });
      open = null;
    }
  }
  if (open)
    problems.push({
      line: open.line,
      message: `<!-- ${open.kind}: ${open.name} --> is not closed`,
    });
  return { regions, problems };
}

/** The text a region should hold (a block's lines sit between newlines after its marker). */
function expectedOf(region, reader) {
  return region.kind === 'figure' ? reader.figure(region.name) : `\n${reader.block(region.name)}\n`;
}

/**
 * Checks (or, with `write`, rewrites) every document under `root`. Returns the problems as
 * `{ file, line, name?, expected?, found?, message }`; with `write`, stale figures are rewritten
 * and only what cannot be fixed (unknown names, unclosed markers, missing reports) is returned.
 */
export function figures({ root = repoRoot, write = false, files = documents(root) } = {}) {
  const reader = figureReader(root);
  const problems = [];
  const changed = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const { regions, problems: markerProblems } = regionsOf(text);
    problems.push(...markerProblems.map((p) => ({ file, ...p })));
    let output = '';
    let at = 0;
    for (const region of regions) {
      let expected;
      try {
        expected = expectedOf(region, reader);
      } catch (error) {
        problems.push({ file, line: region.line, name: region.name, message: error.message });
        continue;
      }
      if (expected === region.found) continue;
      if (write) {
        output += text.slice(at, region.start) + expected;
        at = region.end;
      } else {
        problems.push({
          file,
          line: region.line,
          name: region.name,
          expected,
          found: region.found,
          message: `${region.kind} "${region.name}": expected ${JSON.stringify(expected)}, found ${JSON.stringify(region.found)}`,
        });
      }
    }
    if (write && at > 0) {
      writeFileSync(join(root, file), output + text.slice(at));
      changed.push(file);
    }
  }
  return { problems, changed };
}

function main(argv) {
  const check = argv.includes('--check');
  const rootAt = argv.indexOf('--root');
  const root = rootAt >= 0 ? resolve(argv[rootAt + 1]) : repoRoot;
  const unknown = argv.filter(
    (a, i) => a !== '--check' && a !== '--root' && argv[i - 1] !== '--root',
  );
  if (unknown.length > 0 || argv.includes('--help')) {
    console.log('usage: pnpm figures [--check] [--root DIR]');
    console.log(
      'Writes the figures between <!-- figure: NAME --> … <!-- /figure --> markers from reports/;',
    );
    console.log('--check writes nothing and fails on any figure that differs from its report.');
    return argv.includes('--help') ? 0 : 2;
  }
  const { problems, changed } = figures({ root, write: !check });
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
  if (problems.length > 0) {
    console.error(
      check
        ? `${problems.length} figure(s) differ from reports/ or cannot be computed; \`pnpm figures\` rewrites stale ones.`
        : `${problems.length} figure(s) cannot be computed.`,
    );
    return 1;
  }
  if (check) console.log('Every quoted figure matches reports/.');
  else
    console.log(
      changed.length
        ? `Rewrote figures in ${changed.join(', ')}.`
        : 'Every quoted figure already matches reports/.',
    );
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
