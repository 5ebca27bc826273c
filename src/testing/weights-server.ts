/**
 * A local HTTP server standing in for Hugging Face (or a mirror) in the tests: serves files under
 * `/<repo>/resolve/main/<file>` (the same layout, so the app's download path is exercised unchanged),
 * optionally slowly, with an ETag that is the file's SHA-256 (as Hugging Face states it) and If-Range
 * honoured, and can be told to misbehave: an HTTP status for the next n requests, a connection dropped
 * after some bytes, a stall (some bytes, then nothing, the connection held open), or a resumed request
 * answered with the bytes of another file (a mirror splicing a download). Faults queue up, each for its
 * number of requests. It records every request so tests can assert what was (not) fetched.
 * Listens on 127.0.0.1 only.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedFile {
  /** Bytes in memory, or a path on disk (large weights files). */
  bytes?: Uint8Array;
  path?: string;
  /** The ETag to send instead of the one `etag` says (a server that states a wrong hash). */
  etag?: string;
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
  /** …or send the headers of the whole file, then only this many bytes and drop the connection… */
  dropAfterBytes?: number;
  /** …or send this many bytes, then nothing, holding the connection open until the client leaves… */
  stallAfterBytes?: number;
  /**
   * …or answer a Range request (only: others pass this fault by) with a 206 whose Content-Range and ETag
   * are right but whose bytes come from this other file of the same size, whatever If-Range says.
   */
  spliceFrom?: Uint8Array;
  /** How many requests the fault applies to (default: all); the next queued fault applies after. */
  times?: number;
}

export interface WeightsServerOptions {
  /** Throttle each response to about this rate (default: unthrottled). */
  bytesPerSecond?: number;
  /** Honour Range requests (default true). */
  ranges?: boolean;
  /** Send Content-Length (default true); without it the body is chunked, as some servers and proxies do. */
  contentLength?: boolean;
  /**
   * The ETag sent (default "sha256": the file's SHA-256, quoted, as Hugging Face's resolve responses and
   * mirrors of it state it): "opaque" a strong ETag that is no hash, "weak" W/ and the SHA-256, "none" none.
   */
  etag?: 'sha256' | 'opaque' | 'weak' | 'none';
}

export class WeightsServer {
  readonly requests: RecordedRequest[] = [];
  private readonly files = new Map<string, ServedFile>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly digests = new Map<ServedFile, string>();
  private server: Server | undefined;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(private options: WeightsServerOptions = {}) {}

  /** Serves `file` at `/<repo>/resolve/main/<name>`. */
  serve(repo: string, name: string, file: ServedFile): void {
    this.files.set(`/${repo}/resolve/main/${name}`, file);
  }

  /** Makes requests for `/<repo>/resolve/main/<name>` fail as `fault` says, after the faults queued before. */
  fail(repo: string, name: string, fault: Fault): void {
    const path = `/${repo}/resolve/main/${name}`;
    this.faults.set(path, [...(this.faults.get(path) ?? []), { ...fault }]);
  }

  /** The SHA-256 (hex) of the file served at `/<repo>/resolve/main/<name>`. */
  sha256Of(repo: string, name: string): string {
    const file = this.files.get(`/${repo}/resolve/main/${name}`);
    if (!file) throw new Error(`weights server: nothing served as ${repo}/${name}`);
    return this.digestOf(file);
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
    response.setHeader('Access-Control-Allow-Headers', 'Range, If-Range');
    response.setHeader('Access-Control-Expose-Headers', 'Content-Length, Content-Range, Accept-Ranges, ETag');
    if (request.method === 'OPTIONS') return void response.writeHead(204).end();

    const file = this.files.get(path);
    if (!file) return void response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');

    const size = file.bytes ? file.bytes.byteLength : statSync(file.path!).size;
    const etag = this.etagOf(file);
    const asked = this.options.ranges === false ? null : /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    const fault = this.takeFault(path, asked !== null);
    if (fault?.status)
      return void response.writeHead(fault.status, { 'Content-Type': 'text/plain' }).end('injected failure');

    // If-Range: the range only while the file is the one its validator names; else the whole file.
    const ifRange = request.headers['if-range'];
    const sameFile = ifRange === undefined || (etag !== undefined && ifRange === etag);
    const range = asked && (sameFile || fault?.spliceFrom) ? asked : null;
    const start = range ? Number(range[1]) : 0;
    if (start >= size && size > 0) return void response.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/octet-stream',
      'Accept-Ranges': this.options.ranges === false ? 'none' : 'bytes',
    };
    if (etag !== undefined) headers.ETag = etag;
    if (this.options.contentLength !== false) headers['Content-Length'] = size - start;
    if (range) headers['Content-Range'] = `bytes ${start}-${size - 1}/${size}`;
    response.writeHead(range ? 206 : 200, headers);
    if (request.method === 'HEAD') return void response.end();

    const cut = fault?.dropAfterBytes ?? fault?.stallAfterBytes;
    const limit = cut !== undefined ? Math.min(size - start, cut) : size - start;
    await this.send(response, fault?.spliceFrom ? { bytes: fault.spliceFrom } : file, start, limit);
    if (fault?.dropAfterBytes !== undefined) response.destroy();
    else if (fault?.stallAfterBytes === undefined) response.end();
    // A stall: the connection stays open, silent, until the client gives up (or the server stops).
  }

  /** The first queued fault that applies (a splice applies to Range requests only), counting it. */
  private takeFault(path: string, rangeRequest: boolean): Fault | undefined {
    for (const fault of this.faults.get(path) ?? []) {
      if (fault.times !== undefined && fault.times <= 0) continue;
      if (fault.spliceFrom && !rangeRequest) return undefined;
      if (fault.times !== undefined) fault.times--;
      return fault;
    }
    return undefined;
  }

  private etagOf(file: ServedFile): string | undefined {
    if (file.etag !== undefined) return file.etag;
    switch (this.options.etag ?? 'sha256') {
      case 'none':
        return undefined;
      case 'opaque':
        return `"v1-${file.bytes ? file.bytes.byteLength : statSync(file.path!).size}"`;
      case 'weak':
        return `W/"${this.digestOf(file)}"`;
      case 'sha256':
        return `"${this.digestOf(file)}"`;
    }
  }

  /** SHA-256 of a served file, computed once. */
  private digestOf(file: ServedFile): string {
    let digest = this.digests.get(file);
    if (!digest) {
      digest = createHash('sha256')
        .update(file.bytes ?? readFileSync(file.path!))
        .digest('hex');
      this.digests.set(file, digest);
    }
    return digest;
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
