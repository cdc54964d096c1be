import type { z } from 'zod';

/** A configuration value is wrong; the message names the setting. Start-up stops on it. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(
    message: string,
    /** Each problem as "setting: what is wrong". */
    readonly problems: readonly string[] = [message],
  ) {
    super(message);
    this.name = 'ConfigError';
  }

  /** One problem per line, each naming its setting by path, e.g. "mapping.price.baseCurrency". */
  static fromZod(prefix: string, error: z.ZodError): ConfigError {
    const problems = error.issues.map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
      return `${path}: ${issue.message}`;
    });
    return new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`, problems);
  }
}
