/**
 * Whether the data folder still takes writes. A full disk makes every
 * append fail (ENOSPC) while reads go on working, so a ping that only
 * reads said "ready" while every turn apologised. Appends report here;
 * while the last one failed, the store's ping writes a small probe file in
 * the data folder — and says the store is unavailable until one succeeds
 * (space freed), so /readyz turns 503 and back to 200 without a restart.
 */
import { unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StoreUnavailableError } from '../errors';

export const WRITE_PROBE = '.write-check';

export class WriteHealth {
  private failing = false;

  constructor(private readonly dataDir: string) {}

  succeeded(): void {
    this.failing = false;
  }

  failed(): void {
    this.failing = true;
  }

  /** Throws StoreUnavailableError while writes fail; a successful probe write ends that. */
  check(): void {
    if (!this.failing) return;
    const probe = path.join(this.dataDir, WRITE_PROBE);
    try {
      writeFileSync(probe, 'ok');
      unlinkSync(probe);
      this.failing = false;
    } catch (error) {
      throw new StoreUnavailableError('the data folder refuses writes (disk full?)', { cause: error });
    }
  }
}
