/**
 * The Teams app package: manifest.json (schema 1.17) naming the bot by its
 * Microsoft App Id, and the two icons Teams requires (192×192 colour,
 * 32×32 white outline on transparent), zipped flat.
 *
 * Icons are drawn here with pngjs (maintained, pure JS PNG encoder) so the
 * package needs no image file in the repository; the zip is written with
 * fflate (maintained, dependency-free, synchronous zip).
 */
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';
import type { Translate } from '../i18n';

export const MANIFEST_VERSION = '1.17';

export interface PackageOptions {
  botId: string;
  version: string;
  websiteUrl: string;
  t: Translate;
}

type Rgba = [number, number, number, number];
const ACCENT: Rgba = [0x1f, 0x6f, 0xb2, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/** A square icon: `paint(x, y)` gives each pixel. */
function icon(size: number, paint: (x: number, y: number) => Rgba): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const i = (size * y + x) * 4;
      const [r, g, b, a] = paint(x, y);
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

/** A chèque: a rounded-looking ticket with a notch line, on the accent colour. */
function ticket(size: number, x: number, y: number, outlineOnly: boolean): boolean {
  const left = size * 0.16,
    right = size * 0.84,
    top = size * 0.3,
    bottom = size * 0.7;
  const inside = x >= left && x < right && y >= top && y < bottom;
  if (!inside) return false;
  const border = Math.max(1, Math.round(size / 16));
  const onEdge = x < left + border || x >= right - border || y < top + border || y >= bottom - border;
  const stub = Math.abs(x - size * 0.36) < border / 2 + 0.5 && y % (border * 3) < border * 2;
  return outlineOnly ? onEdge || stub : !stub;
}

export function colorIcon(): Buffer {
  return icon(192, (x, y) => (ticket(192, x, y, false) ? WHITE : ACCENT));
}

export function outlineIcon(): Buffer {
  return icon(32, (x, y) => (ticket(32, x, y, true) ? WHITE : CLEAR));
}

export function manifest(options: PackageOptions): Record<string, unknown> {
  const { t, botId } = options;
  return {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: botId,
    developer: {
      name: t('pro:teams_app.developer'),
      websiteUrl: options.websiteUrl,
      privacyUrl: options.websiteUrl,
      termsOfUseUrl: options.websiteUrl,
    },
    name: { short: t('pro:teams_app.short_name'), full: t('pro:teams_app.full_name') },
    description: { short: t('pro:teams_app.short_description'), full: t('pro:teams_app.full_description') },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: '#1F6FB2',
    bots: [
      {
        botId,
        scopes: ['personal'],
        isNotificationOnly: false,
        supportsFiles: false,
        commandLists: [
          {
            scopes: ['personal'],
            commands: (['search', 'new_person', 'today'] as const).map((c) => ({
              title: t(`pro:teams_app.commands.${c}.title`),
              description: t(`pro:teams_app.commands.${c}.description`),
            })),
          },
        ],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [],
  };
}

/** The zip bytes: manifest.json, color.png, outline.png at its root. */
export function buildAppPackage(options: PackageOptions): Uint8Array {
  return zipSync({
    'manifest.json': new TextEncoder().encode(JSON.stringify(manifest(options), null, 2)),
    'color.png': colorIcon(),
    'outline.png': outlineIcon(),
  });
}
