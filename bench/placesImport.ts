/**
 * Places import at national size: builds a synthetic national file from the
 * real rows of data/places-lozere-drome.csv (new ids, coordinates jittered
 * within the commune, a presentation text as long as the published ones),
 * as CSV and as JSON, then imports each in a fresh child process and
 * reports the time and the peak memory over the baseline (communes loaded),
 * against the file's size.
 *
 *   npm run build && node dist/bench/placesImport.js [rows]   (default 40000)
 *
 * `national` instead of a row count: the national set of issue 18 (three
 * files, ~9,400 rows with their faults, bench/nationalPlaceFiles.ts)
 * imported together into the embedded store on disk, then search over all
 * of it — each place once (merged), nearest three ranked for a person, a
 * third of the queries with a subject, a third with an accessibility,
 * audience or fee criterion — timed query by query: p50 / p99 / max.
 *
 *   npm run bench:places -- national
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { communes } from '../src/data/communes';
import { readCsvRows } from '../src/data/csv';
import { PLACES_FILE } from '../src/data/places';
import { loadProgrammes } from '../src/data/programmes';
import { describeImport, importPlaces } from '../src/services/placeImport';
import { communePosition } from '../src/domain/communes';
import { PlaceIndex } from '../src/domain/placeIndex';
import { mergePlaces } from '../src/domain/placeMerge';
import { nearestForPerson } from '../src/domain/placeRanking';
import { type PlaceSearchOptions, searchFilter } from '../src/services/placeSearch';
import { openStores } from '../src/store/openStores';
import { seededRng } from '../test/reliability/fuzzCases';
import { writeNationalSet } from './nationalPlaceFiles';

const PRESENTATION =
  'Accompagnement individuel et ateliers collectifs pour prendre en main un ordinateur, une tablette ou un smartphone, ' +
  'réaliser ses démarches administratives en ligne, utiliser sa messagerie, sécuriser ses comptes et ses données. ' +
  'Sur rendez-vous ou en accès libre aux horaires d’ouverture; matériel à disposition; accessible aux personnes à mobilité réduite.';

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function writeSynthetic(dir: string, rows: number): Promise<{ csv: string; json: string }> {
  const source = readCsvRows(PLACES_FILE).map((r) => r.row);
  const columns = [...Object.keys(source[0]), 'presentation_detail', 'date_maj'];
  const csv = path.join(dir, 'national.csv');
  const json = path.join(dir, 'national.json');
  const c = createWriteStream(csv);
  const j = createWriteStream(json);
  c.write(`${columns.join(',')}\n`);
  j.write('[\n');
  for (let i = 0; i < rows; i += 1) {
    const base = source[i % source.length];
    const jitter = ((i * 7919) % 1000) / 1e6;
    const row: Record<string, string> = {
      ...base,
      id: `${base.id}-n${i}`,
      latitude: base.latitude ? (Number(base.latitude) + jitter).toFixed(6) : '',
      longitude: base.longitude ? (Number(base.longitude) - jitter).toFixed(6) : '',
      presentation_detail: `${PRESENTATION} (${i})`,
      date_maj: '2024-08-01',
    };
    const line = `${columns.map((k) => csvField(row[k] ?? '')).join(',')}\n`;
    if (!c.write(line)) await once(c, 'drain');
    const item = `${i ? ',\n' : ''}${JSON.stringify({ ...row, latitude: row.latitude ? Number(row.latitude) : null, longitude: row.longitude ? Number(row.longitude) : null })}`;
    if (!j.write(item)) await once(j, 'drain');
  }
  j.write('\n]\n');
  c.end();
  j.end();
  await Promise.all([once(c, 'finish'), once(j, 'finish')]);
  return { csv, json };
}

/** Child: one import, measured; prints one JSON line. */
async function child(file: string, dataDir: string | undefined): Promise<void> {
  const programmes = loadProgrammes(['lozere', 'drome']);
  const index = communes();
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const stores = await openStores(dataDir ? { dataDir } : { inMemory: true });
  const started = performance.now();
  const summary = await importPlaces(stores.places, { file, programmes, communes: index });
  const ms = performance.now() - started;
  clearInterval(sample);
  await stores.close();
  const { rejections: _r, ...counts } = summary;
  process.stdout.write(
    `${JSON.stringify({ ms: Math.round(ms), rssMB: (peakRss - base.rss) / 2 ** 20, heapMB: (peakHeap - base.heapUsed) / 2 ** 20, counts })}\n`,
  );
}

const QUERIES = 10_000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Child: the three national files into one store on disk, then search over every place. */
async function nationalChild(dir: string): Promise<void> {
  const programmes = loadProgrammes(['lozere', 'drome']);
  const index = communes();
  const set = await writeNationalSet(dir);
  const stores = await openStores({ dataDir: path.join(dir, 'data') });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (const file of [set.franceServices, set.lamednum, set.conseillers]) {
    const t0 = performance.now();
    const summary = await importPlaces(stores.places, { file, programmes, communes: index });
    process.stdout.write(`  ${describeImport(summary).replace(/ — .*/, '')} — ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const importMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // The machine may be shared: CPU time says what the import costs whatever else runs.
  const importCpuS = (cpu.user + cpu.system) / 1e6;
  const records = await stores.places.list();
  await stores.close();

  const t1 = performance.now();
  const merged = mergePlaces(records);
  const placeIndex = new PlaceIndex(merged.places);
  const buildMs = performance.now() - t1;

  const rng = seededRng(19);
  const origins = [...index.all()].map(communePosition).filter((o): o is NonNullable<typeof o> => !!o);
  const variants: PlaceSearchOptions[] = [
    {},
    { services: ['smartphone'] },
    { services: ['démarches administratives'] },
    { criteria: { support: ['Handicaps moteurs'] } },
    { criteria: { audiences: ['Seniors'], free: true } },
    {},
  ];
  // Each query timed 5 times: the first run as a person meets it, and the best of the 5, which
  // removes the pauses of a shared machine's scheduler (a constant 0.1 ms loop shows a 10 ms p99
  // at a load average of 16 on 2 cores) and leaves what the search itself costs.
  const first: number[] = [];
  const best: number[] = [];
  let found = 0;
  for (let q = 0; q < QUERIES; q += 1) {
    const origin = origins[Math.floor(rng() * origins.length)];
    const options = variants[q % variants.length];
    const search = () =>
      nearestForPerson(placeIndex, origin, {
        limit: 3,
        maxKm: options.services || options.criteria ? 40 : undefined,
        filter: searchFilter(options),
      });
    let fastest = Infinity;
    for (let run = 0; run < 5; run += 1) {
      const t = process.hrtime.bigint();
      const hits = search();
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (run === 0) {
        first.push(ms);
        found += hits.length;
      }
      fastest = Math.min(fastest, ms);
    }
    best.push(fastest);
  }
  first.sort((a, b) => a - b);
  best.sort((a, b) => a - b);
  const spread = (times: readonly number[]) =>
    `p50 ${percentile(times, 50).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${times[times.length - 1].toFixed(2)} ms`;
  process.stdout.write(
    `national set: ${records.length} records → ${merged.places.length} places shown (${merged.merges.length} merges); ` +
      `import of the 3 files ${(importMs / 1000).toFixed(1)} s (${importCpuS.toFixed(1)} s CPU); merge + index ${buildMs.toFixed(0)} ms\n` +
      `search, ${QUERIES} queries (nearest 3 ranked; subjects and criteria on 4 in 6), ${(found / QUERIES).toFixed(2)} places per answer:\n` +
      `  first run ${spread(first)}\n  best of 5 ${spread(best)}\n` +
      `  (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)\n`,
  );
}

async function main(): Promise<void> {
  if (process.argv[2] === 'child') return child(process.argv[3], process.argv[4] || undefined);
  if (process.argv[2] === 'national') {
    const dir = mkdtempSync(path.join(tmpdir(), 'places-national-'));
    try {
      return await nationalChild(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const rows = Number(process.argv[2] ?? 40_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'places-bench-'));
  try {
    const { csv, json } = await writeSynthetic(dir, rows);
    const dataDir = path.join(dir, 'data');
    const runs: [string, string, string | undefined][] = [
      ['CSV → memory store', csv, undefined],
      ['JSON → memory store', json, undefined],
      ['CSV → embedded on disk, 1st run', csv, dataDir],
      ['CSV → embedded on disk, 2nd run', csv, dataDir],
    ];
    for (const [label, file, data] of runs) {
      const out = execFileSync(process.execPath, ['--expose-gc', __filename, 'child', file, data ?? ''], { encoding: 'utf8' });
      const r = JSON.parse(out) as { ms: number; rssMB: number; heapMB: number; counts: Record<string, number> };
      const sizeMB = statSync(file).size / 2 ** 20;
      const c = r.counts;
      process.stdout.write(
        `${label}: ${rows} rows, ${sizeMB.toFixed(1)} MB — ${(r.ms / 1000).toFixed(1)} s, peak +${r.rssMB.toFixed(0)} MB RSS ` +
          `(+${r.heapMB.toFixed(0)} MB heap, ${(r.rssMB / sizeMB).toFixed(2)}× the file) — ` +
          `${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected\n`,
      );
    }
    writeFileSync(path.join(dir, 'done'), '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
