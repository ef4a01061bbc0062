// The necessary-work floor of the streaming scenario (issue 20): what media streaming cannot skip.
// One `ws` client per call dialled to the app's transportUrl with the call's id headers, the
// AudioMetadata message, then every 20 ms of that call's own clock one AudioData frame built as
// the service builds it: 20 ms of 16 kHz 16-bit PCM (silence here, as in a quiet call), base64,
// the frame's timestamp, JSON. Each call keeps its pace by deadline (a late tick does not push
// the next one back). POST /streams {"url", "count"} opens `count` more; GET /stats counts them.
// Usage: node bench/servers/streaming-floor.mjs <port>   (prints {"port":N})
import { randomUUID } from 'node:crypto';
import { setTimeout } from 'node:timers';
import http from 'node:http';
import WebSocket from 'ws';

const FRAME_MS = 20;
const SAMPLES = (16_000 * FRAME_MS) / 1000;
let open = 0;
let framesSent = 0;

function stream(url) {
  const callConnectionId = randomUUID();
  const socket = new WebSocket(url, {
    headers: {
      'x-ms-call-connection-id': callConnectionId,
      'x-ms-call-correlation-id': randomUUID(),
    },
  });
  socket.on('error', () => {});
  socket.on('close', () => open--);
  socket.on('open', () => {
    open++;
    socket.send(
      JSON.stringify({
        kind: 'AudioMetadata',
        audioMetadata: {
          subscriptionId: randomUUID(),
          encoding: 'PCM',
          sampleRate: 16_000,
          channels: 1,
          length: SAMPLES * 2,
        },
      }),
    );
    let windowStart = Date.now();
    const tick = () => {
      if (socket.readyState !== WebSocket.OPEN) return;
      const start = windowStart;
      windowStart += FRAME_MS;
      setTimeout(tick, Math.max(0, windowStart + FRAME_MS - Date.now()));
      const pcm = new Int16Array(SAMPLES);
      framesSent++;
      socket.send(
        JSON.stringify({
          kind: 'AudioData',
          audioData: {
            timestamp: new Date(start).toISOString(),
            data: Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64'),
            silent: pcm.every((s) => s === 0),
          },
        }),
      );
    };
    setTimeout(tick, FRAME_MS);
  });
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ open, framesSent }));
    return;
  }
  if (req.method === 'POST' && req.url === '/streams') {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const { url, count } = JSON.parse(body);
      for (let i = 0; i < count; i++) stream(url);
      res.statusCode = 202;
      res.end();
    });
    return;
  }
  res.statusCode = 404;
  res.end();
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGINT', () => process.exit(0));
