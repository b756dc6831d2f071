/**
 * Debian's Chromium driven by playwright-core (no browser download): a
 * fresh profile per launch, headless, no network of its own (no sync, no
 * component updates, no QUIC), so every request the page makes is ours to see.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Required in CI (the browser test must not silently skip there). */
export function chromiumRequired(): boolean {
  return !!process.env.CI || process.env.REQUIRE_CHROMIUM === '1';
}

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(
  options: { width?: number; height?: number; timezoneId?: string; deviceScaleFactor?: number } = {},
): Promise<BrowserSession> {
  const profile = mkdtempSync(path.join(tmpdir(), 'pn-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: options.width ?? 480, height: options.height ?? 900 },
    locale: 'fr-FR',
    timezoneId: options.timezoneId ?? 'Europe/Paris',
    deviceScaleFactor: options.deviceScaleFactor,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
