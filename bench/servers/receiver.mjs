// A callback receiver for the benchmarks: answers every POST with 200, counts events by type (a
// CloudEvent's `type`, an Event Grid event's `eventType`) and,
// when the event data carries `producedAtNs` (process.hrtime.bigint() of the producer, the same
// monotonic clock on one machine), records production-to-receipt latency.
// GET /stats returns the counts and latencies; POST /reset clears them.
// Usage: node bench/servers/receiver.mjs   (prints {"port":N})
import http from 'node:http';

let byType = {};
let latenciesMs = [];
let firstNs = 0n;
let lastNs = 0n;
let measured = 0;
let malformed = 0;

function record(raw) {
  const now = process.hrtime.bigint();
  let event;
  try {
    const body = JSON.parse(raw);
    event = Array.isArray(body) && body.length === 1 ? body[0] : undefined;
  } catch {
    event = undefined;
  }
  const type = typeof event?.type === 'string' ? event.type : event?.eventType;
  if (!event || typeof type !== 'string') {
    malformed++;
    return;
  }
  const name = type.replace(/^Microsoft\.Communication\./, '');
  byType[name] = (byType[name] ?? 0) + 1;
  const produced = event.data?.producedAtNs;
  if (typeof produced === 'string' && event.data.phase === 'measure') {
    latenciesMs.push(Number(now - BigInt(produced)) / 1e6);
    if (measured === 0) firstNs = now;
    lastNs = now;
    measured++;
  }
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        byType,
        malformed,
        measured,
        spanMs: Number(lastNs - firstNs) / 1e6,
        latenciesMs,
      }),
    );
    return;
  }
  if (req.method === 'POST' && req.url === '/reset') {
    byType = {};
    latenciesMs = [];
    measured = 0;
    malformed = 0;
    res.end();
    req.resume();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    record(Buffer.concat(chunks).toString('utf8'));
    res.end();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
