// Mocha reporter: the usual `spec` output, plus the run's counts written as JSON to $AOAI_TEST_RESULTS
// ({passes, failures, pending, tests, durationMs, failed: [titles]}) so scripts/test-all.sh can sum every tier.
'use strict';
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const failed = [];
    const started = Date.now();
    runner.on('fail', (test) => failed.push(test.fullTitle()));
    runner.once('end', () => {
      const out = process.env.AOAI_TEST_RESULTS;
      if (!out) return;
      const s = runner.stats || {};
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, JSON.stringify({ passes: s.passes || 0, failures: s.failures || 0, pending: s.pending || 0,
        tests: s.tests || 0, durationMs: Date.now() - started, failed }, null, 2));
    });
  }
}
module.exports = CountReporter;
