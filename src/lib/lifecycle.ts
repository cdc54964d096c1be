import type { Logger } from 'pino';

/**
 * What a long-running process started and must release, in the style of graphile-worker's
 * releasers: released in the reverse order of start, each once; one that throws is logged and
 * the others are still released.
 */
export class Releasers {
  #list: Array<{ name: string; release: () => unknown }> = [];

  constructor(private readonly log: Logger) {}

  add(name: string, release: () => unknown): void {
    this.#list.push({ name, release });
  }

  /** Releases everything added so far, newest first. */
  async releaseAll(): Promise<void> {
    for (const { name, release } of this.#list.splice(0).reverse()) {
      try {
        await release();
      } catch (error) {
        this.log.error({ err: error, part: name }, 'releasing a part failed');
      }
    }
  }
}
