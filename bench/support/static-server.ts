/**
 * A static file server on 127.0.0.1 for benchmark pages that are not part of the app (the
 * onnxruntime-web peer): every response cross-origin isolated (COOP/COEP, like the app's build) and
 * with Cross-Origin-Resource-Policy, so the page gets SharedArrayBuffer and WASM threads.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { ISOLATION_HEADERS } from '../../src/offline/isolation-headers.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
};

export class StaticServer {
  private server: Server | undefined;

  /** `mounts`: URL prefix ("/ort/") → folder; `pages`: exact path → HTML text. */
  constructor(
    private readonly mounts: Record<string, string>,
    private readonly pages: Record<string, string> = {},
  ) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      for (const [name, value] of Object.entries(ISOLATION_HEADERS)) response.setHeader(name, value);
      response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      const page = this.pages[path];
      if (page !== undefined) {
        response.writeHead(200, { 'Content-Type': TYPES['.html'] });
        return void response.end(page);
      }
      const prefix = Object.keys(this.mounts).find((p) => path.startsWith(p));
      const file = prefix ? normalize(join(this.mounts[prefix], path.slice(prefix.length))) : undefined;
      if (!prefix || !file || !file.startsWith(normalize(this.mounts[prefix])))
        return void response.writeHead(404).end();
      try {
        const size = statSync(file).size;
        response.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Length': size,
        });
        createReadStream(file).pipe(response);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
