import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);
const major = Number(process.versions.node.split('.')[0]);

/**
 * better-sqlite3, in the version that works on this Node. 12 (V8 API, built from source) on
 * Node 20: 13 does not run there. 13 (Node-API, prebuilt) on Node 22 and later: on Node 24.19+
 * version 12 aborts the whole process when V8 collects one of its statements (node::ObjectWrap
 * gained a cleanup hook whose check fails outside a JavaScript context). Both are installed;
 * their APIs are the same.
 */
export const Database: typeof BetterSqlite3 = major >= 22 ? require('better-sqlite3-napi') : require('better-sqlite3');
export type Database = BetterSqlite3.Database;
