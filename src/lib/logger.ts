import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Secrets are never written: any field with one of these names, at any of the first levels of a
 * logged object, is replaced.
 */
const SECRET_KEYS = [
  'password',
  'clientSecret',
  'client_secret',
  'accessToken',
  'access_token',
  'refreshToken',
  'token',
  'controlToken',
  'authorization',
  'Authorization',
];
const REDACT = SECRET_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

export function createLogger(level: string, destination: DestinationStream = pino.destination(1)): Logger {
  return pino(
    { level, base: { service: 'catalog-sync' }, redact: { paths: REDACT, censor: '[redacted]' } },
    destination,
  );
}
