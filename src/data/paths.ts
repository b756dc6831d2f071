/**
 * Where the project's data/ folder is, whether the code runs from src/ (ts
 * tools) or from dist/src/ (compiled): the nearest ancestor holding
 * package.json is the project root.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

let root: string | undefined;

export function projectRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}: cannot locate data/`);
    dir = parent;
  }
  root = dir;
  return dir;
}

/** A path inside the project's data/ folder. */
export function dataPath(...parts: string[]): string {
  return path.join(projectRoot(), 'data', ...parts);
}
