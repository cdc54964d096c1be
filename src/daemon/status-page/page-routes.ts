import type { IncomingMessage, ServerResponse } from 'node:http';
import { send, sendJson } from '../../lib/http-server.js';
import { PAGE_CSS, PAGE_HTML } from './page-assets.js';
import { pageData, type PageDataDeps } from './page-data.js';
import { PAGE_SCRIPT } from './page-script.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Sent with every part of the page: only its own script and style may run or load (no inline
 * script, so an injected tag does nothing), no framing, no sniffing, no caching of live data.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const asset =
  (contentType: string, body: string): Route =>
  (_req, res) =>
    send(res, 200, contentType, body, PAGE_HEADERS);

/** The status page (GET /), its script and style, and its data (GET /page.json); all open, like /status. */
export function pageRoutes(deps: PageDataDeps): Record<string, Route> {
  return {
    'GET /': asset('text/html; charset=utf-8', PAGE_HTML),
    'GET /page.js': asset('text/javascript; charset=utf-8', PAGE_SCRIPT),
    'GET /page.css': asset('text/css; charset=utf-8', PAGE_CSS),
    'GET /page.json': (_req, res) => sendJson(res, 200, pageData(deps), PAGE_HEADERS),
  };
}
