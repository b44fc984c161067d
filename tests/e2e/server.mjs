// Tiny static file server for dist/ (no dependencies). Used by the e2e harness (random free
// port, every request recorded) and by `make serve` (fixed port, as a CLI):
//
//   node tests/e2e/server.mjs [--root dist] [--host 127.0.0.1] [--port 8080] [--quiet]
//
// Serves files only from inside `root`; `/` and directories map to index.html; no caching.
import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.gz': 'application/gzip',
  '.woff2': 'font/woff2',
};

/**
 * Start serving `root`.
 * @param {object} [opts]
 * @param {string} [opts.root]    directory to serve (default: <repo>/dist)
 * @param {string} [opts.host]    default 127.0.0.1
 * @param {number} [opts.port]    default 0 = a random free port
 * @param {string} [opts.mount]   URL path prefix the site lives under, e.g. '/sub/dir/' (default '/')
 * @param {boolean} [opts.log]    log each request to stderr
 * @returns {Promise<{origin: string, url: string, requests: Array<{method: string, url: string, status: number}>, close: () => Promise<void>}>}
 */
export async function startServer(opts = {}) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(opts.root ?? path.join(here, '..', '..', 'dist'));
  const host = opts.host ?? '127.0.0.1';
  let mount = opts.mount ?? '/';
  if (!mount.startsWith('/')) mount = '/' + mount;
  if (!mount.endsWith('/')) mount += '/';
  const requests = [];

  if (!fs.existsSync(path.join(root, 'index.html'))) {
    throw new Error(`${root}/index.html not found: build the site first (make build)`);
  }

  const server = http.createServer(async (req, res) => {
    const entry = { method: req.method, url: req.url, status: 0 };
    requests.push(entry);
    const send = (status, headers, body) => {
      entry.status = status;
      res.writeHead(status, {
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // frame-ancestors only works as a header (browsers ignore it in <meta>).
        'Content-Security-Policy': "frame-ancestors 'none'",
        'X-Frame-Options': 'DENY',
        ...headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      if (opts.log) console.error(`${status} ${req.method} ${req.url}`);
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET, HEAD' }, 'method not allowed\n');
      }
      const { pathname } = new URL(req.url, 'http://x');
      if (pathname === mount.slice(0, -1)) {
        return send(301, { Location: mount }, '');
      }
      if (!pathname.startsWith(mount)) {
        return send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found\n');
      }
      let rel;
      try {
        rel = decodeURIComponent(pathname.slice(mount.length));
      } catch {
        return send(400, { 'Content-Type': 'text/plain; charset=utf-8' }, 'bad request\n');
      }
      let file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
      if (file !== root && !file.startsWith(root + path.sep)) {
        return send(403, { 'Content-Type': 'text/plain; charset=utf-8' }, 'forbidden\n');
      }
      let stat = await fsp.stat(file).catch(() => null);
      if (stat?.isDirectory()) {
        file = path.join(file, 'index.html');
        stat = await fsp.stat(file).catch(() => null);
      }
      if (!stat?.isFile()) {
        return send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found\n');
      }
      const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      const body = await fsp.readFile(file);
      return send(200, { 'Content-Type': type, 'Content-Length': body.length }, body);
    } catch (err) {
      return send(500, { 'Content-Type': 'text/plain; charset=utf-8' }, `error: ${err.message}\n`);
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, resolve);
  });
  const { port } = server.address();
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin,
    url: origin + mount,
    root,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}

// CLI
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
  };
  const quiet = args.includes('--quiet');
  const srv = await startServer({
    root: opt('--root', 'dist'),
    host: opt('--host', '127.0.0.1'),
    port: Number(opt('--port', '8080')),
    mount: opt('--mount', '/'),
    log: !quiet,
  });
  console.log(`Serving ${srv.root} at ${srv.url}  (Ctrl-C to stop)`);
  const stop = async () => {
    await srv.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
