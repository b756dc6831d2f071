import assert from 'node:assert/strict';
import { ConfigError, contrastWithWhite, parseConfig } from '../../src/config';
import { webChatSettings } from '../../src/http/webchat/settings';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('Web Chat settings', () => {
  it('refuse a page colour too light for white text (RGAA 4.5:1), in one line', () => {
    assert.deepEqual(problems({ WEBCHAT_ACCENT_COLOR: '#7fb2e5' }), [
      'WEBCHAT_ACCENT_COLOR: white text on it must reach a 4.5:1 contrast (RGAA) (got "#7fb2e5")',
    ]);
    assert.ok(contrastWithWhite('#1d4e89') >= 4.5);
  });

  it('refuse a page programme that is not served', () => {
    assert.deepEqual(problems({ PROGRAMMES: 'drome', WEBCHAT_PROGRAMME: 'lozere' }), [
      'WEBCHAT_PROGRAMME: must be one of PROGRAMMES (drome)',
    ]);
  });

  it('never echo the Direct Line secret in an error', () => {
    const lines = problems({ DIRECTLINE_SECRET: 'abc', DIRECTLINE_ENDPOINT: 'not a url' });
    assert.deepEqual(lines, ['DIRECTLINE_ENDPOINT: must be an http(s) URL (got "not a url")']);
  });

  it('serve the local Direct Line only without an app id and without a secret', () => {
    assert.equal(webChatSettings(parseConfig({})).localDirectLine, true);
    assert.equal(webChatSettings(parseConfig({ DIRECTLINE_SECRET: 's' })).localDirectLine, false);
    assert.equal(webChatSettings(parseConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'p' })).localDirectLine, false);
    // In production the local Direct Line is never served, even when anonymous mode is asked for.
    assert.equal(webChatSettings(parseConfig({ NODE_ENV: 'production', ALLOW_ANONYMOUS: 'true' })).localDirectLine, false);
  });
});
