import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { formatIPv6, listeningOn, parseProcNetTcp } from './listening-sockets.js';

// Lines as a little-endian Linux prints them (trailing columns shortened).
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:9AA9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 11926 1
   1: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 11927 1
   2: 020200C0:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 11928 1
   3: 0100007F:9AA9 0100007F:C082 01 00000000:00000000 00:00000000 00000000     0        0 11929 1
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000000000000:B2FD 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 10115 1
   1: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 10116 1
   2: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 10117 1
   3: 000000FD000000000000000002000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 10118 1
   4: 0000000000000000FFFF00000100007F:B2FD 0000000000000000FFFF00000100007F:C082 01 00000000:00000000 00:00000000 00000000     0        0 10152 1
`;

describe("listening sockets from Linux's /proc/net/tcp and tcp6", () => {
  it('reads the listening IPv4 sockets, skipping the header and connected sockets', () => {
    expect(parseProcNetTcp(TCP, 4, true)).toEqual([
      { family: 4, address: '127.0.0.1', port: 39593 },
      { family: 4, address: '0.0.0.0', port: 8080 },
      { family: 4, address: '192.0.2.2', port: 80 },
    ]);
  });

  it('reads the listening IPv6 sockets, word by word', () => {
    expect(parseProcNetTcp(TCP6, 6, true)).toEqual([
      { family: 6, address: '::', port: 45821 },
      { family: 6, address: '::1', port: 80 },
      { family: 6, address: '::ffff:127.0.0.1', port: 8080 },
      { family: 6, address: 'fd00::2', port: 443 },
    ]);
  });

  it('reads a big-endian host, where the words are printed in network order', () => {
    const line = '   0: 7F000001:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1';
    expect(parseProcNetTcp(`header\n${line}\n`, 4, false)).toEqual([{ family: 4, address: '127.0.0.1', port: 8080 }]);
  });

  it('writes IPv6 addresses as RFC 5952 does', () => {
    const bytes = (...groups: number[]) => groups.flatMap((g) => [g >> 8, g & 0xff]);
    expect(formatIPv6(bytes(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1))).toBe('2001:db8::1');
    // The longest run of zeros is compressed; a single zero group is not.
    expect(formatIPv6(bytes(1, 0, 0, 2, 0, 0, 0, 3))).toBe('1:0:0:2::3');
    expect(formatIPv6(bytes(1, 0, 2, 3, 4, 5, 6, 7))).toBe('1:0:2:3:4:5:6:7');
    expect(formatIPv6(bytes(0xfe80, 0, 0, 0, 0, 0, 0, 0))).toBe('fe80::');
  });

  it("finds a server of this process on the machine's own tables", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      expect(listeningOn(port)).toEqual([{ family: 4, address: '127.0.0.1', port }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
