/**
 * The benchmark's own beneficiaries (seeded by bench/appServer.ts, used by
 * the booking load): Lozère, carnet LOZ-BN + the index in 4 characters of
 * the carnet alphabet + check character, all born 01/01/1950.
 */
import { VOUCHER_BOOK_ALPHABET, voucherBookNumberFor } from '../src/domain/voucherBookNumber';

export const BENCH_BIRTH = '01/01/1950';
export const BENCH_BIRTH_ISO = '1950-01-01';
export const BENCH_PREFIX = 'LOZ';

export function benchVoucherBookNumber(i: number): string {
  const a = VOUCHER_BOOK_ALPHABET;
  let digits = '';
  for (let n = i, k = 0; k < 4; k += 1, n = Math.floor(n / a.length)) digits = a[n % a.length] + digits;
  return voucherBookNumberFor(BENCH_PREFIX, `BN${digits}`);
}
