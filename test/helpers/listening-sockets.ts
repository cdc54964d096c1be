import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';

/**
 * The TCP sockets listening on this machine, read from Linux's /proc/net/tcp and /proc/net/tcp6:
 * what a test needs to see which address a server (in any process) is bound to, without
 * sending it anything.
 */

export interface ListeningSocket {
  family: 4 | 6;
  /** 127.0.0.1, 0.0.0.0, ::1, :: ... (IPv6 compressed as RFC 5952 writes it). */
  address: string;
  port: number;
}

/** The kernel's state number for a listening socket (TCP_LISTEN), as /proc prints it. */
const LISTEN = '0A';

/**
 * The kernel prints an address as 32-bit words in hex, each word as the host reads the
 * network-order bytes: on a little-endian host 127.0.0.1 is 0100007F.
 */
function addressBytes(hex: string, littleEndian: boolean): number[] {
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    const printed = (hex.slice(word, word + 8).match(/../g) ?? []).map((pair) => parseInt(pair, 16));
    bytes.push(...(littleEndian ? printed.reverse() : printed));
  }
  return bytes;
}

/**
 * An IPv6 address in RFC 5952's form: lower-case, no leading zeros, the longest run of two or
 * more zero groups as "::", an IPv4-mapped address as ::ffff:a.b.c.d.
 */
export function formatIPv6(bytes: readonly number[]): string {
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff)
    return `::ffff:${bytes.slice(12).join('.')}`;
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
  let best = { start: -1, length: 1 };
  let run = { start: 0, length: 0 };
  for (let i = 0; i < 8; i++) {
    if (groups[i] !== 0) run = { start: i + 1, length: 0 };
    else if (++run.length > best.length) best = { ...run };
  }
  const text = groups.map((g) => g.toString(16));
  if (best.start < 0) return text.join(':');
  const left = text.slice(0, best.start).join(':');
  const right = text.slice(best.start + best.length).join(':');
  return `${left}::${right}`;
}

/** The listening sockets in the text of /proc/net/tcp (family 4) or /proc/net/tcp6 (family 6). */
export function parseProcNetTcp(text: string, family: 4 | 6, littleEndian = endianness() === 'LE'): ListeningSocket[] {
  const sockets: ListeningSocket[] = [];
  // Each line after the header: "sl local_address rem_address st ...", e.g. "0: 0100007F:1F90 00000000:0000 0A ...".
  for (const line of text.split('\n').slice(1)) {
    const [, local, , state] = line.trim().split(/\s+/);
    if (!local || state !== LISTEN) continue;
    const [hexAddress = '', hexPort = ''] = local.split(':');
    const bytes = addressBytes(hexAddress, littleEndian);
    sockets.push({
      family,
      address: family === 4 ? bytes.join('.') : formatIPv6(bytes),
      port: parseInt(hexPort, 16),
    });
  }
  return sockets;
}

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    // A kernel without IPv6 has no tcp6 table; without /proc/net/tcp at all there is nothing to check.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && path.endsWith('6')) return null;
    throw error;
  }
};

/** The sockets listening on `port` right now, in every process of this network namespace. */
export function listeningOn(port: number): ListeningSocket[] {
  const v4 = parseProcNetTcp(read('/proc/net/tcp') ?? '', 4);
  const v6 = parseProcNetTcp(read('/proc/net/tcp6') ?? '', 6);
  return [...v4, ...v6].filter((s) => s.port === port);
}
