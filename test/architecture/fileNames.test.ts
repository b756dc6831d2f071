/**
 * One file-name convention for the whole tree: camelCase, except a file
 * named after the one class it is about (a dialog, a prompt, the bot),
 * which is PascalCase like the class. No kebab-case, no snake_case.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { projectSourceFiles } from './importGraph';

const ROOT = join(__dirname, '..', '..', '..');
const CAMEL = /^[a-z][a-zA-Z0-9]*$/;
const PASCAL = /^[A-Z][a-zA-Z0-9]*$/;

/** Why a file's name breaks the convention, or undefined when it keeps it. */
export function fileNameProblem(path: string, source: string): string | undefined {
  const stem = basename(path).replace(/(\.test)?\.ts$/, '');
  if (CAMEL.test(stem)) return undefined;
  if (!PASCAL.test(stem)) return `${path}: not camelCase (nor PascalCase)`;
  return new RegExp(`export (abstract )?class ${stem}\\b`).test(source) ? undefined : `${path}: PascalCase but exports no class ${stem}`;
}

describe('file names: camelCase, PascalCase for a class', () => {
  it('every source file of the tree follows it', () => {
    const files = projectSourceFiles(ROOT);
    assert.ok(files.length > 300, `only ${files.length} files read from ${ROOT}`);
    const problems = files.map((f) => fileNameProblem(f, readFileSync(join(ROOT, f), 'utf8'))).filter((p) => p !== undefined);
    assert.deepEqual(problems, []);
  });

  it('tells each kind of name apart', () => {
    assert.equal(fileNameProblem('src/cli/seedDemo.ts', ''), undefined);
    assert.equal(fileNameProblem('test/unit/balance.test.ts', ''), undefined);
    assert.equal(fileNameProblem('dialogs/BookDialog.ts', 'export class BookDialog extends ComponentDialog {}'), undefined);
    assert.match(fileNameProblem('src/cli/seed-demo.ts', '') ?? '', /not camelCase/);
    assert.match(fileNameProblem('dialogs/MyAccessLog.ts', 'export function answerAccessLog() {}') ?? '', /exports no class MyAccessLog/);
  });
});
