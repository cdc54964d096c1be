/**
 * One sync run in a process of its own, so that its peak RSS is the run's alone (not what
 * earlier scenarios left in the benchmark's heap). Forked by runInChild; not run by hand.
 */
import { SyncRunner } from './sync-runner.js';

process.once(
  'message',
  async (m: { env: Record<string, string>; stateDb: string; kind: 'full' | 'incremental'; batchSize: number }) => {
    try {
      const runner = new SyncRunner(m.env, m.stateDb, { batchSize: m.batchSize });
      const figures = await runner.run(m.kind);
      runner.close();
      // maxRSS: the kernel's high-water mark for this process, in KiB.
      process.send!({ figures: { ...figures, peakRssMb: process.resourceUsage().maxRSS / 1024 } });
    } catch (error) {
      process.send!({ error: (error as Error).stack });
    }
    process.disconnect();
  },
);
