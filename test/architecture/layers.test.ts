/**
 * The direction of dependencies, as a test: each rule lists every import
 * that breaks it (file, line, what it imports) and fails with the rule's
 * name. The layers: src/domain (pure rules) ← src/services (use cases) ←
 * dialogs/, src/bot, src/http, src/channels (the bot and its channels);
 * stores are opened by the composition roots only.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describeImport, type Import, importCycles, readImports, RULES, ruleViolations } from './importGraph';

// dist/test/architecture → the repository root, where the .ts sources are.
const ROOT = join(__dirname, '..', '..', '..');

describe('layers: the direction of imports', () => {
  const imports = readImports(ROOT);

  it('reads the imports of the whole tree', () => {
    assert.ok(imports.length > 1000, `only ${imports.length} imports read from ${ROOT}`);
    assert.ok(
      imports.some((i) => i.from === 'src/app.ts' && i.to === 'dialogs/MainDialog.ts'),
      'app.ts → MainDialog',
    );
  });

  for (const rule of RULES) {
    it(rule.name, () => {
      const broken = imports.filter(rule.breaks).map(describeImport);
      assert.deepEqual(broken, [], `${broken.length} import(s) break « ${rule.name} »:\n  ${broken.join('\n  ')}`);
    });
  }

  it('no import cycles', () => {
    const cycles = importCycles(imports).map((files) => files.join(' → '));
    assert.deepEqual(cycles, [], `import cycles:\n  ${cycles.join('\n  ')}`);
  });

  describe('the check itself', () => {
    const at = (from: string, specifier: string, to?: string): Import => ({ from, specifier, line: 3, ...(to ? { to } : {}) });

    it('names the offending import and the rule it breaks', () => {
      const found = ruleViolations([
        at('src/services/reminders/composer.ts', '../../../dialogs/format', 'dialogs/format.ts'),
        at('src/services/contacts.ts', 'botbuilder'),
        at('src/domain/outbox.ts', '../store/repositories', 'src/store/repositories.ts'),
        at('dialogs/BookDialog.ts', '../src/store/errors', 'src/store/errors.ts'),
        at('src/bot/state.ts', '../store/openStores', 'src/store/openStores.ts'),
      ]).map((v) => `${describeImport(v.import)} — ${v.rule}`);
      assert.deepEqual(found, [
        "src/services/reminders/composer.ts:3 imports '../../../dialogs/format' — src/services never imports dialogs/, src/bot, src/http, src/channels or botbuilder",
        "src/services/contacts.ts:3 imports 'botbuilder' — src/services never imports dialogs/, src/bot, src/http, src/channels or botbuilder",
        "src/domain/outbox.ts:3 imports '../store/repositories' — src/domain imports only src/domain (and no botbuilder)",
        "dialogs/BookDialog.ts:3 imports '../src/store/errors' — dialogs/ never imports src/store",
        "src/bot/state.ts:3 imports '../store/openStores' — only the composition roots (src/index.ts, src/app.ts, src/cli, test, bench) import a store implementation",
      ]);
    });

    it('lets the composition roots open stores and the layers point inwards', () => {
      assert.deepEqual(
        ruleViolations([
          at('src/app.ts', './store/botStateStorage', 'src/store/botStateStorage.ts'),
          at('src/index.ts', './store/openStores', 'src/store/openStores.ts'),
          at('test/http/booking.test.ts', '../../src/store/openStores', 'src/store/openStores.ts'),
          at('src/services/bookingService.ts', '../domain/types', 'src/domain/types.ts'),
          at('dialogs/BookDialog.ts', '../src/services/placeSearch', 'src/services/placeSearch.ts'),
        ]),
        [],
      );
    });

    it('finds a cycle through three files', () => {
      const cycle = importCycles([
        at('src/a.ts', './b', 'src/b.ts'),
        at('src/b.ts', './c', 'src/c.ts'),
        at('src/c.ts', './a', 'src/a.ts'),
        at('src/c.ts', './d', 'src/d.ts'),
      ]);
      assert.deepEqual(cycle, [['src/a.ts', 'src/b.ts', 'src/c.ts']]);
    });
  });
});
