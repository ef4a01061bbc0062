// The app's media WebSocket for the streaming scenario: accepts every socket, counts the
// AudioData frames and AudioMetadata messages it receives (by the `kind` the sender writes first,
// without parsing each frame) and the bytes. GET /stats returns the counts; POST /reset clears them.
// Usage: node bench/servers/media-receiver.mjs   (prints {"port":N}; sockets on ws://127.0.0.1:N/media)
import http from 'node:http';
import { WebSocketServer } from 'ws';

let frames = 0;
let metadata = 0;
let other = 0;
let bytes = 0;
let open = 0;

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ open, frames, metadata, other, bytes }));
    return;
  }
  if (req.method === 'POST' && req.url === '/reset') {
    frames = 0;
    metadata = 0;
    other = 0;
    bytes = 0;
    res.end();
    req.resume();
    return;
  }
  res.statusCode = 404;
  res.end();
});

const sockets = new WebSocketServer({ server, path: '/media' });
sockets.on('connection', (socket) => {
  open++;
  socket.on('close', () => open--);
  socket.on('message', (data) => {
    const text = data.toString();
    bytes += text.length;
    if (text.startsWith('{"kind":"AudioData"')) frames++;
    else if (text.startsWith('{"kind":"AudioMetadata"')) metadata++;
    else other++;
  });
});

server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
