/**
 * A provider's API on a local port, for an app running in another process (msw cannot reach
 * into it). `respond` decides each answer; `hang()` makes the server take requests (respond
 * still runs, so the provider has done its part) and never answer, the moment a test kills
 * the caller at; `answer()` goes back to answering.
 */
import type { IncomingHttpHeaders } from "node:http";
import http from "node:http";
import type net from "node:net";

export interface FakeRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeResponse {
  status: number;
  json: unknown;
}

export interface FakeServer {
  baseUrl: string;
  /** Every request, in arrival order. */
  readonly requests: FakeRequest[];
  hang(): void;
  answer(): void;
  /** Resolves at the next request's arrival. */
  nextRequest(): Promise<FakeRequest>;
  close(): Promise<void>;
}

export async function startFakeServer(respond: (request: FakeRequest) => FakeResponse): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const waiting: ((request: FakeRequest) => void)[] = [];
  const sockets = new Set<net.Socket>();
  let hanging = false;

  const server = http.createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const request = {
      method: incoming.method ?? "GET",
      path: incoming.url ?? "/",
      headers: incoming.headers,
      body: Buffer.concat(chunks).toString(),
    };
    requests.push(request);
    for (const resolve of waiting.splice(0)) resolve(request);
    const { status, json } = respond(request);
    if (hanging) return;
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    hang: () => {
      hanging = true;
    },
    answer: () => {
      hanging = false;
    },
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
