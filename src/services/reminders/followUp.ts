/**
 * What follows a change to a booking, after it is stored: its reminder and
 * feedback question are re-planned, and when the hour was counted (a late
 * cancellation, a session attended or missed) the prescriber may have to
 * hear that the carnet is used up or that sessions were missed. A failure
 * here never undoes the booking: it is logged, and the next change plans again.
 */
import type { Booking } from '../../domain/types';
import { describeError, type Logger } from '../../logger';
import type { BookingChange } from '../bookingService';
import type { PrescriberAlertPlanner } from './prescriberAlerts';
import type { ReminderPlanner } from './reminderPlanner';

export class BookingFollowUp {
  constructor(
    private readonly planner: ReminderPlanner,
    private readonly alerts: PrescriberAlertPlanner,
    private readonly logger: Logger,
  ) {}

  /** For BookingService.onChange. */
  async bookingChanged(change: BookingChange): Promise<void> {
    try {
      await this.planner.follow(change);
      // A late cancellation counts the hour: it may be the person's last one.
      if (change.booking.settlement === 'consume') await this.alerts.check(change.booking.beneficiaryId, change.now);
    } catch (error) {
      this.logger.error({ bookingId: change.booking.id, err: describeError(error) }, 'reminder planning failed');
    }
  }

  /** For Attendance.onRecorded: attended or missed, the hour is counted. */
  async attendanceRecorded(booking: Booking, now: Date): Promise<void> {
    try {
      await this.alerts.check(booking.beneficiaryId, now);
    } catch (error) {
      this.logger.error({ bookingId: booking.id, err: describeError(error) }, 'prescriber alert planning failed');
    }
  }
}
