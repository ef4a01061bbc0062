/** A real WebSocket server on 127.0.0.1 port 0 that keeps every message each connection sent. */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface TestSocketServer {
  url: string;
  /** Text messages received, per connection, in order. */
  connections: { socket: WebSocket; messages: string[]; headers: Record<string, unknown> }[];
  /** Resolves once `count` messages arrived on connection `index`, or rejects after `timeoutMs`. */
  waitForMessages(count: number, index?: number, timeoutMs?: number): Promise<string[]>;
  close(): Promise<void>;
}

export async function startSocketServer(): Promise<TestSocketServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const connections: TestSocketServer['connections'] = [];
  server.on('connection', (socket, request) => {
    const entry = { socket, messages: [] as string[], headers: request.headers };
    connections.push(entry);
    socket.on('message', (data) => entry.messages.push(data.toString()));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    connections,
    async waitForMessages(count, index = 0, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const messages = connections[index]?.messages ?? [];
        if (messages.length >= count) return messages;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      throw new Error(
        `expected ${count} messages on connection ${index}, got ${connections[index]?.messages.length ?? 'no connection'}`,
      );
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
