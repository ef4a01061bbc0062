/**
 * The SDK (1.6+) downloads recordings only from https://*.asm.skype.com. The emulator's storage
 * locations use such an origin (--recording-storage-url); this HTTP client, given to the SDK the
 * documented way (`httpClient` in the client options), sends those requests to the emulator
 * instead, as a hosts-file entry or a proxy would for an app. Everything else the SDK does (sign,
 * set x-ms-host, Range, parse the answer) is unchanged.
 */
import {
  createDefaultHttpClient,
  type HttpClient,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';

export function storageRedirectingClient(storageOrigin: string, emulatorUrl: string): HttpClient {
  const inner = createDefaultHttpClient();
  const target = new URL(emulatorUrl);
  return {
    sendRequest(request: PipelineRequest) {
      if (request.url.startsWith(storageOrigin)) {
        const url = new URL(request.url);
        url.protocol = target.protocol;
        url.host = target.host;
        request.url = url.toString();
        // The test emulator listens on plain http; the SDK's own requests allow that too.
        request.allowInsecureConnection = target.protocol === 'http:';
      }
      return inner.sendRequest(request);
    },
  };
}
