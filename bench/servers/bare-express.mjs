// The reference server: a bare Express 5 app with one route answering `200 {}` and a /health
// route. It is the floor the emulator is measured against (throughput and startup).
// Usage: node bench/servers/bare-express.mjs <port>   (0 picks a free one; prints {"port":N})
import express from 'express';

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.get('/health', (_req, res) => {
  res.json({ status: 'ok' });
});
// One route that takes the same requests as the emulator's action routes.
app.post('/calling/callConnections/:idAndAction', (_req, res) => {
  res.status(200).json({});
});

const server = app.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
// Exit cleanly on SIGINT so `node --cpu-prof` can write its profile.
process.on('SIGINT', () => process.exit(0));
