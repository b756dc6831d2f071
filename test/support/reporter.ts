/**
 * Mocha's spec reporter, plus one closing line "N passed, N failed, N
 * skipped" that CI tooling reads whatever the test runner.
 */
import Mocha from 'mocha';

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      if (!stats) return;
      // Printed after the spec reporter's epilogue.
      process.nextTick(() => {
        console.log(`\ntests: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} skipped`);
      });
    });
  }
}

export = SpecWithSummary;
