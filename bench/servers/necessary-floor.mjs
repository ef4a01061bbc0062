// The necessary-work floor (issue 20): an Express 5 server doing only what the mission route
// cannot skip. It reads the raw body, checks the HMAC-SHA256 signature as the service does (content
// hash, then the signature over method, path and query, date, host and hash), parses the JSON,
// keeps a per-participant recognition flag and, for a stop that ends an active recognition, POSTs
// one CloudEvent to the call's callback URI over a keep-alive node:http agent. No validation,
// journal, logs or JWT. The app, the signature check and the POST are floor-kit's, shared with the
// operation-family floors; nothing comes from src/, so it stays a reference, not a copy.
// Usage: node bench/servers/necessary-floor.mjs <port> <base64 access key>   (prints {"port":N})
import { randomUUID } from 'node:crypto';
import { cloudEvent, floorApp, listen, ok, post } from './floor-kit.mjs';

const { app, signed } = floorApp(process.argv[3]);
/** callConnectionId -> { callbackUri, active: Set of participant raw ids }. */
const calls = new Map();

app.post(
  '/calling/callConnections',
  signed((_req, res, body) => {
    const callConnectionId = randomUUID();
    calls.set(callConnectionId, { callbackUri: new URL(body.callbackUri), active: new Set() });
    res.status(201).json({ callConnectionId, callConnectionState: 'connecting' });
  }),
);

app.post(
  '/calling/callConnections/:idAndAction',
  signed((req, res, body) => {
    const [id, action] = req.params.idAndAction.split(':');
    const call = calls.get(id);
    if (!call) return res.status(404).json({ error: { code: '8522', message: 'Call not found' } });
    const participant = body.targetParticipant?.rawId;
    if (action === 'startContinuousDtmfRecognition') {
      call.active.add(participant);
    } else if (action === 'stopContinuousDtmfRecognition' && call.active.delete(participant)) {
      post(
        call.callbackUri,
        cloudEvent('ContinuousDtmfRecognitionStopped', id, {
          operationContext: body.operationContext,
          resultInformation: ok('Continuous DTMF recognition stopped.'),
        }),
      );
    }
    res.status(200).json({});
  }),
);

listen(app);
