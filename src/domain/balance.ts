/** What a person is told about a carnet: hours left, reserved, used, expiry. */
import { euroValue, type Programme } from './programme';
import type { VoucherBook } from './types';

export interface BalanceSummary {
  voucherBookId: string;
  number: string;
  hoursTotal: number;
  hoursLeft: number;
  hoursReserved: number;
  hoursConsumed: number;
  hoursExpired: number;
  /** Euro value of the hours left, when the programme gives one. */
  eurosLeft?: number;
  expiresAt: Date;
  expired: boolean;
}

export function summarizeBalance(book: VoucherBook, programme: Programme, now: Date): BalanceSummary {
  const expired = book.status === 'expired' || book.expiresAt.getTime() <= now.getTime();
  return {
    voucherBookId: book.id,
    number: book.number,
    hoursTotal: book.hoursTotal,
    hoursLeft: book.hoursLeft,
    hoursReserved: book.hoursReserved,
    hoursConsumed: book.hoursConsumed,
    hoursExpired: book.hoursExpired,
    eurosLeft: euroValue(programme, book.hoursLeft),
    expiresAt: book.expiresAt,
    expired,
  };
}
