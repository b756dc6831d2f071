import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../src/config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('runs the demo with no variable at all', () => {
    const config = parseConfig({});
    assert.equal(config.PORT, 3978);
    assert.equal(config.MONGODB_URI, undefined);
    assert.deepEqual(config.PROGRAMMES, ['lozere', 'drome']);
    assert.equal(config.DATA_DIR, '.data');
  });

  it('listens on this machine only by default when unsigned in development, on every interface when signed or in production', () => {
    assert.equal(parseConfig({}).HOST, '127.0.0.1');
    assert.equal(parseConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'p' }).HOST, '0.0.0.0');
    assert.equal(parseConfig({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true' }).HOST, '0.0.0.0');
    assert.equal(parseConfig({ HOST: '0.0.0.0' }).HOST, '0.0.0.0', 'an explicit HOST wins');
  });

  it('treats empty values as unset, as .env files write them', () => {
    const config = parseConfig({ PORT: '', MONGODB_URI: '', MicrosoftAppId: '' });
    assert.equal(config.PORT, 3978);
    assert.equal(config.MONGODB_URI, undefined);
    assert.equal(config.MicrosoftAppId, undefined);
  });

  it('reads the list of programmes, trimmed and lower-cased', () => {
    assert.deepEqual(parseConfig({ PROGRAMMES: ' Drome , lozere' }).PROGRAMMES, ['drome', 'lozere']);
  });

  it('gives one line per bad variable', () => {
    const problems = problemsOf({ PORT: 'abc', LOG_LEVEL: 'loud', MONGODB_URI: 'postgres://x' });
    assert.equal(problems.length, 3);
    assert.ok(problems.some((p) => p.startsWith('PORT:')));
    assert.ok(problems.some((p) => p.startsWith('LOG_LEVEL:')));
    assert.ok(problems.some((p) => p.startsWith('MONGODB_URI:')));
  });

  it('never echoes a connection string back', () => {
    const [problem] = problemsOf({ MONGODB_URI: 'postgres://user:secret@host' });
    assert.ok(!problem.includes('secret'));
  });

  it('refuses a port out of range', () => {
    assert.match(problemsOf({ PORT: '70000' })[0], /^PORT: must be between 1 and 65535/);
  });

  it('asks for the password when an app id is set', () => {
    assert.deepEqual(problemsOf({ MicrosoftAppId: 'abc' }), ['MicrosoftAppPassword: required when MicrosoftAppId is set']);
  });
});
