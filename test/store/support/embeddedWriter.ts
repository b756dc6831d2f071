/**
 * Child process for the crash test: writes to an embedded store as fast as
 * it can and prints "ack N" after each write resolved, until it is killed.
 * Usage: node embeddedWriter.js DATA_DIR BOOK_ID
 */
import { openEmbeddedStores } from '../../../src/store/embedded';
import { beneficiary, entry } from '../contract/fixtures';

async function main(): Promise<void> {
  const [dataDir, bookId] = process.argv.slice(2);
  const stores = await openEmbeddedStores({ dataDir });
  for (let i = 0; ; i += 1) {
    await stores.beneficiaries.create(beneficiary({ id: `ben-${i}` }));
    const result = await stores.voucherBooks.applyEntry(bookId, entry('reserve', 1, { operationId: `op-${i}` }));
    process.stdout.write(`ack ${i} ${result.outcome}\n`);
  }
}

main().catch((err) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
