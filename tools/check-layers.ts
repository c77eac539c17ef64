/**
 * The dependency rule of DESIGN.md, checked on every `npm run lint`:
 * infra → functions → domain ← events' types, and web (the browser app) reads other layers' types only;
 * nothing imports upwards, domain imports no AWS or Lambda
 * package, no module imports itself back through a loop (type-only imports included: a loop of types
 * is still two concepts that cannot be read apart), the accrual engine is entered by its one door, and no
 * handler or adapter spells a table key outside functions/adapters/table-keys/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const layers = ['domain', 'events', 'functions', 'infra', 'web'] as const;
type Layer = (typeof layers)[number];

/** What each layer may import from the project, besides itself. */
const allowed: Record<Layer, readonly Layer[]> = {
  domain: ['events'],
  events: [],
  functions: ['domain', 'events'],
  infra: ['functions', 'domain', 'events', 'web'],
  // The browser app reads the API's schemas as types only (checked below), so no server code is bundled.
  web: ['functions', 'domain', 'events'],
};
/** The accrual engine's internals are reached only through its door (tests and benches may go further). */
const engineDirectory = path.join(root, 'domain', 'accruals', 'engine');
const engineDoor = path.join(engineDirectory, 'compute-accruals.ts');
const packagesDomainMayNotUse = /^(@aws-sdk\/|@middy\/|@aws-lambda-powertools\/|aws-lambda$|aws-cdk-lib)/;
/** Every table key is built in this directory (one module per context); a key prefix written elsewhere is drift. */
const tableKeysDirectory = path.join(root, 'functions', 'adapters', 'table-keys');
const keyPrefixLiteral = /['`][A-Z][A-Z0-9]{2,}#/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((candidate) => {
    try {
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}

const layerOf = (file: string) => path.relative(root, file).split(path.sep)[0] as Layer;
const show = (file: string) => path.relative(root, file);

const files = layers.flatMap((layer) => sourceFiles(path.join(root, layer)));
const graph = new Map<string, string[]>();
const problems: string[] = [];

/** The project modules a web file imports with values (not `import type`): they would be bundled for the browser. */
function valueImportsOutsideWeb(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  return source.statements.flatMap((statement) => {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) return [];
    const specifier = statement.moduleSpecifier;
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return [];
    const target = resolveRelative(file, specifier.text);
    if (target === undefined || layerOf(target) === 'web') return [];
    const typeOnly = ts.isImportDeclaration(statement)
      ? statement.importClause?.isTypeOnly === true
      : statement.isTypeOnly;
    return typeOnly ? [] : [show(target)];
  });
}

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (layerOf(file) === 'functions' && path.dirname(file) !== tableKeysDirectory) {
    const keyLine = text
      .split('\n')
      .findIndex((line) => !/^\s*(\*|\/\/)/.test(line) && keyPrefixLiteral.test(line));
    if (keyLine >= 0) {
      problems.push(
        `${show(file)}:${keyLine + 1} writes a table key: build it in ${show(tableKeysDirectory)}/`,
      );
    }
  }
  if (layerOf(file) === 'web') {
    for (const target of valueImportsOutsideWeb(file, text)) {
      problems.push(
        `${show(file)} imports ${target} with values: web/ takes other layers' types only (\`import type\`)`,
      );
    }
  }
  const imports = ts.preProcessFile(text, true, true).importedFiles;
  const targets: string[] = [];
  for (const { fileName: specifier } of imports) {
    if (!specifier.startsWith('.')) {
      if (layerOf(file) === 'domain' && packagesDomainMayNotUse.test(specifier)) {
        problems.push(`${show(file)} imports ${specifier}: domain/ stays free of AWS and Lambda packages`);
      }
      continue;
    }
    const target = resolveRelative(file, specifier);
    if (target === undefined || !layers.includes(layerOf(target))) continue;
    targets.push(target);
    const [from, to] = [layerOf(file), layerOf(target)];
    if (from !== to && !allowed[from].includes(to)) {
      problems.push(`${show(file)} imports ${show(target)}: ${from}/ may not import from ${to}/`);
    }
    const insideEngine = (module: string) => path.dirname(module) === engineDirectory;
    if (insideEngine(target) && !insideEngine(file) && target !== engineDoor) {
      problems.push(`${show(file)} imports ${show(target)}: enter the accrual engine by ${show(engineDoor)}`);
    }
  }
  graph.set(file, targets);
}

/** Tarjan's strongly connected components: every component of more than one module is an import loop. */
function importLoops(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) loops.push(component);
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return loops;
}

for (const loop of importLoops()) {
  problems.push(`import loop through ${loop.length} modules: ${loop.map(show).sort().join(', ')}`);
}

if (problems.length > 0) {
  console.error(`Dependency rule broken (${problems.length}):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `Dependency rule holds: ${files.length} modules, no upward import, no import loop, one door to the engine, keys in ${show(tableKeysDirectory)}/.`,
);
