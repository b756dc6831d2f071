/** /readyz: the store answers and the language models are warm. */
import type { Readiness } from './server';
import type { Stores } from './store/repositories';

const PING_TIMEOUT_MS = 2000;

export class ReadinessState implements Readiness {
  private modelsWarm = false;

  constructor(private readonly stores: Stores) {}

  markModelsWarm(): void {
    this.modelsWarm = true;
  }

  async isReady(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const store = await Promise.race([
      this.stores.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref()),
    ]);
    return { ready: store && this.modelsWarm, checks: { store, languageModels: this.modelsWarm } };
  }
}
