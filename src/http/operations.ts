/**
 * Every Call Automation operation in the 2026-03-12 swagger: its id, method, path template (as the
 * swagger writes it, `{param}` and literal `:action`), the request body definition and success status.
 * Matching is done here, once, so journal, faults, logs and handlers all know the operation id and
 * Express never sees a path containing `:`.
 */
import type { DefinitionName } from '../schemas/generated/definitions.js';

export interface OperationSpec {
  id: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: DefinitionName;
  /** Declares the Repeatability-Request-ID / Repeatability-First-Sent headers. */
  repeatable?: true;
  status: number;
}

const CC = '/calling/callConnections';
const ONE = `${CC}/{callConnectionId}`;

export const OPERATIONS: readonly OperationSpec[] = [
  {
    id: 'CreateCall',
    method: 'POST',
    path: CC,
    body: 'CreateCallRequest',
    status: 201,
    repeatable: true,
  },
  {
    id: 'AnswerCall',
    method: 'POST',
    path: `${CC}:answer`,
    body: 'AnswerCallRequest',
    status: 200,
    repeatable: true,
  },
  {
    id: 'RedirectCall',
    method: 'POST',
    path: `${CC}:redirect`,
    body: 'RedirectCallRequest',
    status: 204,
    repeatable: true,
  },
  {
    id: 'RejectCall',
    method: 'POST',
    path: `${CC}:reject`,
    body: 'RejectCallRequest',
    status: 204,
    repeatable: true,
  },
  {
    id: 'Connect',
    method: 'POST',
    path: `${CC}:connect`,
    body: 'ConnectRequest',
    status: 200,
    repeatable: true,
  },
  { id: 'CallConnection_GetCall', method: 'GET', path: ONE, status: 200 },
  { id: 'CallConnection_HangupCall', method: 'DELETE', path: ONE, status: 204 },
  {
    id: 'CallConnection_TerminateCall',
    method: 'POST',
    path: `${ONE}:terminate`,
    status: 204,
    repeatable: true,
  },
  {
    id: 'CallConnection_TransferToParticipant',
    method: 'POST',
    path: `${ONE}:transferToParticipant`,
    body: 'TransferToParticipantRequest',
    status: 202,
    repeatable: true,
  },
  { id: 'CallMedia_Play', method: 'POST', path: `${ONE}:play`, body: 'PlayRequest', status: 202 },
  {
    id: 'CallMedia_StartTranscription',
    method: 'POST',
    path: `${ONE}:startTranscription`,
    body: 'StartTranscriptionRequest',
    status: 202,
  },
  {
    id: 'CallMedia_StopTranscription',
    method: 'POST',
    path: `${ONE}:stopTranscription`,
    body: 'StopTranscriptionRequest',
    status: 202,
  },
  {
    id: 'CallMedia_UpdateTranscription',
    method: 'POST',
    path: `${ONE}:updateTranscription`,
    body: 'UpdateTranscriptionRequest',
    status: 202,
  },
  {
    id: 'CallMedia_SummarizeCall',
    method: 'POST',
    path: `${ONE}:summarizeCall`,
    body: 'SummarizeCallRequest',
    status: 202,
  },
  {
    id: 'CallMedia_CancelAllMediaOperations',
    method: 'POST',
    path: `${ONE}:cancelAllMediaOperations`,
    status: 202,
  },
  {
    id: 'CallMedia_Recognize',
    method: 'POST',
    path: `${ONE}:recognize`,
    body: 'RecognizeRequest',
    status: 202,
  },
  {
    id: 'CallMedia_StartContinuousDtmfRecognition',
    method: 'POST',
    path: `${ONE}:startContinuousDtmfRecognition`,
    body: 'ContinuousDtmfRecognitionRequest',
    status: 200,
  },
  {
    id: 'CallMedia_StopContinuousDtmfRecognition',
    method: 'POST',
    path: `${ONE}:stopContinuousDtmfRecognition`,
    body: 'ContinuousDtmfRecognitionRequest',
    status: 200,
  },
  {
    id: 'CallMedia_SendDtmfTones',
    method: 'POST',
    path: `${ONE}:sendDtmfTones`,
    body: 'SendDtmfTonesRequest',
    status: 202,
    repeatable: true,
  },
  { id: 'CallMedia_Hold', method: 'POST', path: `${ONE}:hold`, body: 'HoldRequest', status: 200 },
  {
    id: 'CallMedia_Unhold',
    method: 'POST',
    path: `${ONE}:unhold`,
    body: 'UnholdRequest',
    status: 200,
  },
  {
    id: 'CallMedia_StartMediaStreaming',
    method: 'POST',
    path: `${ONE}:startMediaStreaming`,
    body: 'StartMediaStreamingRequest',
    status: 202,
  },
  {
    id: 'CallMedia_StopMediaStreaming',
    method: 'POST',
    path: `${ONE}:stopMediaStreaming`,
    body: 'StopMediaStreamingRequest',
    status: 202,
  },
  { id: 'CallConnection_GetParticipants', method: 'GET', path: `${ONE}/participants`, status: 200 },
  {
    id: 'CallConnection_AddParticipant',
    method: 'POST',
    path: `${ONE}/participants:add`,
    body: 'AddParticipantRequest',
    status: 202,
    repeatable: true,
  },
  {
    id: 'CallConnection_RemoveParticipant',
    method: 'POST',
    path: `${ONE}/participants:remove`,
    body: 'RemoveParticipantRequest',
    status: 202,
    repeatable: true,
  },
  {
    id: 'CallConnection_Mute',
    method: 'POST',
    path: `${ONE}/participants:mute`,
    body: 'MuteParticipantsRequest',
    status: 200,
    repeatable: true,
  },
  {
    id: 'CallConnection_CancelAddParticipant',
    method: 'POST',
    path: `${ONE}/participants:cancelAddParticipant`,
    body: 'CancelAddParticipantRequest',
    status: 202,
    repeatable: true,
  },
  {
    id: 'CallConnection_MoveParticipants',
    method: 'POST',
    path: `${ONE}/participants:moveHere`,
    body: 'MoveParticipantsRequest',
    status: 202,
    repeatable: true,
  },
  {
    id: 'CallConnection_GetParticipant',
    method: 'GET',
    path: `${ONE}/participants/{participantRawId}`,
    status: 200,
  },
  {
    id: 'CallRecording_StartRecording',
    method: 'POST',
    path: '/calling/recordings',
    body: 'StartCallRecordingRequest',
    status: 200,
    repeatable: true,
  },
  {
    id: 'CallRecording_GetRecordingProperties',
    method: 'GET',
    path: '/calling/recordings/{recordingId}',
    status: 200,
  },
  {
    id: 'CallRecording_StopRecording',
    method: 'DELETE',
    path: '/calling/recordings/{recordingId}',
    status: 204,
  },
  {
    id: 'CallRecording_PauseRecording',
    method: 'POST',
    path: '/calling/recordings/{recordingId}:pause',
    status: 202,
  },
  {
    id: 'CallRecording_ResumeRecording',
    method: 'POST',
    path: '/calling/recordings/{recordingId}:resume',
    status: 202,
  },
];

export interface OperationMatch {
  operation: OperationSpec;
  params: Record<string, string>;
}

interface CompiledPath {
  path: string;
  regex: RegExp;
  names: string[];
  operations: OperationSpec[];
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function compile(path: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  let source = '';
  for (const part of path.split(/(\{[A-Za-z]+\})/)) {
    const name = /^\{([A-Za-z]+)\}$/.exec(part)?.[1];
    if (name) {
      names.push(name);
      // A path id is one segment and stops before `:action` (ids never contain a raw `:`;
      // a client that needs one must percent-encode it).
      source += '([^/:]+)';
    } else source += escapeRegex(part);
  }
  return { regex: new RegExp(`^${source}/?$`), names };
}

const COMPILED: CompiledPath[] = [];
for (const operation of OPERATIONS) {
  let entry = COMPILED.find((c) => c.path === operation.path);
  if (!entry) {
    entry = { path: operation.path, ...compile(operation.path), operations: [] };
    COMPILED.push(entry);
  }
  entry.operations.push(operation);
}

export type MatchResult =
  | { kind: 'match'; match: OperationMatch }
  | { kind: 'wrong-method'; allowed: string[] }
  | { kind: 'none' };

/** Finds the operation for a method and a raw (still percent-encoded) path. */
export function matchOperation(method: string, rawPath: string): MatchResult {
  for (const entry of COMPILED) {
    const m = entry.regex.exec(rawPath);
    if (!m) continue;
    const operation = entry.operations.find((o) => o.method === method);
    if (!operation) return { kind: 'wrong-method', allowed: entry.operations.map((o) => o.method) };
    const params: Record<string, string> = {};
    entry.names.forEach((name, i) => {
      params[name] = safeDecode(m[i + 1] as string);
    });
    return { kind: 'match', match: { operation, params } };
  }
  return { kind: 'none' };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
