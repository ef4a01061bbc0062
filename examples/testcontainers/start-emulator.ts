import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';

// The emulator's published, well-known access key (not a secret).
const ACCESS_KEY =
  'YWNzLWNhbGwtZW11bGF0b3Igd2VsbC1rbm93biBhY2Nlc3Mga2V5IC0gcHVibGlzaGVkLCBub3QgYSBzZWNyZXQ=';

export interface EmulatorContainer {
  container: StartedTestContainer;
  connectionString: string;
  /** The callback URL, as the container sees it, of a listener on the host's 127.0.0.1:port. */
  callbackUrl(port: number, path?: string): string;
}

/** Starts the emulator image and waits until /health answers 200. */
export async function startEmulator(image = 'acs-call-emulator'): Promise<EmulatorContainer> {
  const container = await new GenericContainer(image)
    .withExposedPorts(8833)
    // podman: the container reaches the host's loopback at 10.0.2.2, named here as usual.
    .withNetworkMode('slirp4netns:allow_host_loopback=true')
    .withExtraHosts([{ host: 'host.containers.internal', ipAddress: '10.0.2.2' }])
    .withWaitStrategy(Wait.forHttp('/health', 8833).forStatusCode(200))
    .start();
  const endpoint = `http://${container.getHost()}:${container.getMappedPort(8833)}/`;
  return {
    container,
    connectionString: `endpoint=${endpoint};accesskey=${ACCESS_KEY}`,
    callbackUrl: (port, path = '/api/callbacks') =>
      `http://host.containers.internal:${port}${path}`,
  };
}
