import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal; nothing otherwise (logs, CI, pipes). */
export function progressBar(enabled: boolean): { update(settled: number, total: number): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'applying {bar} {value}/{total} mutations ({percentage}%, {eta_formatted} left)',
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(settled, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      // A full sync finds work as it reads: the total grows.
      if (total !== bar.getTotal()) bar.setTotal(total);
      bar.update(settled);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
