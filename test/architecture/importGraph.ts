/**
 * The project's import graph, read from the TypeScript sources with the
 * compiler's own pre-processor (imports, re-exports, `import()` and
 * `require()`, type-only imports included: a type is a dependency too),
 * and the layer rules of DESIGN.md / ARCHITECTURE.md checked over it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface Import {
  /** Importing file, relative to the repository root, with forward slashes. */
  from: string;
  /** What the source says, as written. */
  specifier: string;
  /** The project file it resolves to (relative), or undefined for a package. */
  to?: string;
  line: number;
}

const ROOTS = ['src', 'dialogs', 'test', 'bench'];

function sourceFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) out.push(...sourceFiles(root, path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path.split('\\').join('/'));
  }
  return out;
}

function resolveRelative(root: string, from: string, specifier: string): string | undefined {
  const base = resolve(root, dirname(from), specifier);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return relative(root, candidate).split('\\').join('/');
  }
  return undefined;
}

/** Every .ts file (not .d.ts) under src/, dialogs/, test/ and bench/, relative to the root. */
export function projectSourceFiles(root: string): string[] {
  return ROOTS.filter((dir) => existsSync(join(root, dir))).flatMap((top) => sourceFiles(root, top));
}

/** Every import of every .ts file under src/, dialogs/, test/ and bench/. */
export function readImports(root: string): Import[] {
  const imports: Import[] = [];
  for (const top of ROOTS.filter((dir) => existsSync(join(root, dir)))) {
    for (const file of sourceFiles(root, top)) {
      const text = readFileSync(join(root, file), 'utf8');
      const info = ts.preProcessFile(text, true, true);
      for (const ref of info.importedFiles) {
        const line = text.slice(0, ref.pos).split('\n').length;
        const relativeSpec = ref.fileName.startsWith('.');
        imports.push({
          from: file,
          specifier: ref.fileName,
          line,
          ...(relativeSpec ? { to: resolveRelative(root, file, ref.fileName) ?? `${ref.fileName} (unresolved)` } : {}),
        });
      }
    }
  }
  return imports;
}

export interface Violation {
  rule: string;
  import: Import;
}

const under = (path: string | undefined, dir: string) => !!path && (path === dir || path.startsWith(`${dir}/`));
const isBotbuilder = (i: Import) => !i.to && /^(botbuilder|botframework-)/.test(i.specifier);

/** A store implementation: the embedded or MongoDB store, the repositories written over them, the opener. */
const isStoreImplementation = (path: string | undefined) =>
  under(path, 'src/store/embedded') ||
  under(path, 'src/store/mongo') ||
  under(path, 'src/store/shared') ||
  path === 'src/store/openStores.ts';

/** The composition roots: the processes, the CLI tools, the tests and the benchmarks open real stores. */
const isCompositionRoot = (path: string) =>
  path === 'src/index.ts' ||
  path === 'src/app.ts' ||
  under(path, 'src/cli') ||
  under(path, 'test') ||
  under(path, 'bench') ||
  under(path, 'src/store');

export const RULES: { name: string; breaks: (i: Import) => boolean }[] = [
  {
    name: 'src/domain imports only src/domain (and no botbuilder)',
    breaks: (i) => under(i.from, 'src/domain') && ((!!i.to && !under(i.to, 'src/domain')) || isBotbuilder(i)),
  },
  {
    name: 'src/services never imports dialogs/, src/bot, src/http, src/channels or botbuilder',
    breaks: (i) =>
      under(i.from, 'src/services') &&
      (isBotbuilder(i) || ['dialogs', 'src/bot', 'src/http', 'src/channels'].some((dir) => under(i.to, dir))),
  },
  {
    name: 'dialogs/ never imports src/store',
    breaks: (i) => under(i.from, 'dialogs') && under(i.to, 'src/store'),
  },
  {
    name: 'only the composition roots (src/index.ts, src/app.ts, src/cli, test, bench) import a store implementation',
    breaks: (i) => isStoreImplementation(i.to) && !isCompositionRoot(i.from),
  },
];

export function ruleViolations(imports: Import[]): Violation[] {
  const out: Violation[] = [];
  for (const i of imports) for (const rule of RULES) if (rule.breaks(i)) out.push({ rule: rule.name, import: i });
  return out;
}

/** Import cycles among project files (Tarjan's strongly connected components), each as the files in it. */
export function importCycles(imports: Import[], only: (file: string) => boolean = () => true): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    if (!i.to || i.to.endsWith('(unresolved)') || !only(i.from) || !only(i.to)) continue;
    if (!edges.has(i.from)) edges.set(i.from, new Set());
    edges.get(i.from)!.add(i.to);
  }
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, indices.get(next)!));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || edges.get(node)?.has(node)) cycles.push(component.sort());
    }
  };
  for (const node of [...edges.keys()].sort()) if (!indices.has(node)) visit(node);
  return cycles;
}

export function describeImport(i: Import): string {
  return `${i.from}:${i.line} imports '${i.specifier}'`;
}
