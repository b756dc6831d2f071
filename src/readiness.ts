/** /readyz: the store answers and the language models are warm. */
import type { Readiness } from './server';
import type { Stores } from './store/repositories';

const PING_TIMEOUT_MS = 2000;

export class ReadinessState implements Readiness {
  private modelsWarm = false;
  /** False once a check after loading found ledgers and bookings disagreeing (services/ledgerCheck). */
  private ledgerAgrees = true;

  constructor(private readonly stores: Stores) {}

  markModelsWarm(): void {
    this.modelsWarm = true;
  }

  /**
   * Said in /readyz, without taking the instance out of service: people can
   * still be helped, while the operator must look (the start-up log names the ids).
   */
  markLedgerMismatch(): void {
    this.ledgerAgrees = false;
  }

  async isReady(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const store = await Promise.race([
      this.stores.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref()),
    ]);
    return {
      ready: store && this.modelsWarm,
      checks: { store, languageModels: this.modelsWarm, ledgerMatchesBookings: this.ledgerAgrees },
    };
  }
}
