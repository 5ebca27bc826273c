/**
 * A local HTTP server standing in for Hugging Face (or a mirror) in the tests: serves files under
 * `/<repo>/resolve/main/<file>` (the same layout, so the app's download path is exercised unchanged),
 * optionally slowly, and can be told to fail: an HTTP status for the next n requests, or a connection
 * dropped after some bytes. It records every request so tests can assert what was (not) fetched.
 * Listens on 127.0.0.1 only.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedFile {
  /** Bytes in memory, or a path on disk (large weights files). */
  bytes?: Uint8Array;
  path?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** Bytes of request body received. */
  bodyBytes: number;
}

export interface Fault {
  /** Answer this status instead of the file… */
  status?: number;
  /** …or send the headers of the whole file, then only this many bytes and drop the connection. */
  dropAfterBytes?: number;
  /** How many requests the fault applies to (default: all). */
  times?: number;
}

export interface WeightsServerOptions {
  /** Throttle each response to about this rate (default: unthrottled). */
  bytesPerSecond?: number;
  /** Honour Range requests (default true). */
  ranges?: boolean;
  /** Send Content-Length (default true); without it the body is chunked, as some servers and proxies do. */
  contentLength?: boolean;
}

export class WeightsServer {
  readonly requests: RecordedRequest[] = [];
  private readonly files = new Map<string, ServedFile>();
  private readonly faults = new Map<string, Fault>();
  private server: Server | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(private options: WeightsServerOptions = {}) {}

  /** Serves `file` at `/<repo>/resolve/main/<name>`. */
  serve(repo: string, name: string, file: ServedFile): void {
    this.files.set(`/${repo}/resolve/main/${name}`, file);
  }

  /** Makes requests for `/<repo>/resolve/main/<name>` fail as `fault` says. */
  fail(repo: string, name: string, fault: Fault): void {
    this.faults.set(`/${repo}/resolve/main/${name}`, { ...fault });
  }

  clearFaults(): void {
    this.faults.clear();
  }

  setOptions(options: WeightsServerOptions): void {
    this.options = options;
  }

  get baseUrl(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('weights server: not started');
    return `http://127.0.0.1:${address.port}`;
  }

  /** Requests for a path ending in `suffix` (GETs only unless `method` says). */
  requestsFor(suffix: string, method = 'GET'): RecordedRequest[] {
    return this.requests.filter((r) => r.path.endsWith(suffix) && r.method === method);
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let bodyBytes = 0;
    for await (const chunk of request) bodyBytes += (chunk as Buffer).byteLength;
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    this.requests.push({ method: request.method ?? '', path, headers: request.headers, bodyBytes });

    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'Range');
    response.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, Accept-Ranges');
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();

    const file = this.files.get(path);
    if (!file) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');

    const fault = this.takeFault(path);
    if (fault?.status) return void response.writeHead(fault.status, { 'Content-Type': 'text/plain' }).end('injected failure');

    const size = file.bytes ? file.bytes.byteLength : statSync(file.path!).size;
    const range = this.options.ranges === false ? null : /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    if (start >= size && size > 0) return void response.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/octet-stream',
      'Accept-Ranges': this.options.ranges === false ? 'none' : 'bytes',
    };
    if (this.options.contentLength !== false) headers['Content-Length'] = size - start;
    if (range) headers['Content-Range'] = `bytes ${start}-${size - 1}/${size}`;
    response.writeHead(range ? 206 : 200, headers);
    if (request.method === 'HEAD') return void response.end();

    const limit = fault?.dropAfterBytes !== undefined ? Math.min(size - start, fault.dropAfterBytes) : size - start;
    await this.send(response, file, start, limit);
    if (fault?.dropAfterBytes !== undefined) response.destroy();
    else response.end();
  }

  private takeFault(path: string): Fault | undefined {
    const fault = this.faults.get(path);
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      if (fault.times <= 0) return undefined;
      fault.times--;
    }
    return fault;
  }

  /** Writes `length` bytes from `start`, in 64 kB pieces paced to the configured rate. */
  private async send(response: ServerResponse, file: ServedFile, start: number, length: number): Promise<void> {
    const rate = this.options.bytesPerSecond;
    const begun = performance.now();
    let sent = 0;
    const pace = async () => {
      if (!rate) return;
      const due = begun + (sent / rate) * 1000;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    };
    const write = (chunk: Uint8Array) =>
      new Promise<void>((resolve) => (response.write(chunk) ? resolve() : response.once('drain', resolve)));
    const pieces = file.bytes
      ? slices(file.bytes.subarray(start, start + length))
      : createReadStream(file.path!, { start, end: start + length - 1, highWaterMark: 1 << 16 });
    for await (const piece of pieces) {
      if (response.destroyed) return;
      await write(piece as Uint8Array);
      sent += (piece as Uint8Array).byteLength;
      await pace();
    }
  }
}

function* slices(bytes: Uint8Array, size = 1 << 16): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.byteLength; offset += size) yield bytes.subarray(offset, offset + size);
}
