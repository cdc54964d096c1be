import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The body was larger than the server accepts; answered with 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
  }
}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export type JsonBody = { ok: true; value: unknown } | { ok: false; status: 400 | 413; message: string };

/** Reads and parses a JSON body; a body over the limit (413) or malformed (400) is reported, not thrown. */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<JsonBody> {
  let raw: Buffer;
  try {
    raw = await readBody(req, limitBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false, status: 413, message: error.message };
    throw error;
  }
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch (error) {
    return { ok: false, status: 400, message: (error as Error).message };
  }
}

export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(body)),
    ...headers,
  });
  res.end(body);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json; charset=utf-8',
): void {
  send(res, status, contentType, JSON.stringify(value), headers);
}

/** The client's address as the emulators key it: IPv4-mapped IPv6 folded to IPv4. */
export function clientAddress(req: IncomingMessage): string {
  const raw = req.socket.remoteAddress ?? 'unknown';
  return raw.startsWith('::ffff:') ? raw.slice(7) : raw;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Starts a node:http server on host:port (port 0 picks a free one). close() also ends idle
 * keep-alive sockets so that tests and the CLI shut down at once.
 */
export async function startHttpServer(
  handler: Handler,
  options: { port?: number; host?: string; onError?: (error: unknown, req: IncomingMessage) => void } = {},
): Promise<RunningServer & { server: Server }> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      // Answered 500, and told to whoever runs the server: an unexpected error is never only an answer.
      options.onError?.(error, req);
      if (!res.headersSent) {
        sendJson(res, 500, { error: 'internal error', detail: String(error) });
      } else {
        res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    server,
    host,
    port,
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
