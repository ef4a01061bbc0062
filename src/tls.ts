/**
 * The certificate HTTPS is served with: PEM files (`--cert`/`--key`), or a self-signed one made
 * with the `selfsigned` library and written to `--tls-dir` so clients can trust it. A valid
 * self-signed pair already there is reused, so a client that trusted it keeps working.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { ConfigError, type Config } from './config.js';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** The self-signed certificate's file, for clients to trust; absent for `--cert` files. */
  certFile?: string;
  /** True when an earlier self-signed pair in `--tls-dir` was reused. */
  reused?: boolean;
}

type TlsConfig = Pick<Config, 'host' | 'tls' | 'certFile' | 'keyFile' | 'tlsDir' | 'tlsNames'>;

const DAY_MS = 86_400_000;

function readPem(path: string, flag: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(flag, `cannot read ${path} (${(err as NodeJS.ErrnoException).code})`);
  }
  if (!text.includes('-----BEGIN ')) throw new ConfigError(flag, `${path} is not a PEM file`);
  return text;
}

/** Reads `--cert`/`--key`; a pair that does not fit together is a configuration error. */
function fromFiles(certFile: string, keyFile: string): TlsMaterial {
  const cert = readPem(certFile, '--cert');
  const key = readPem(keyFile, '--key');
  try {
    createSecureContext({ cert, key });
  } catch (err) {
    throw new ConfigError('--key', `does not fit --cert ${certFile}: ${(err as Error).message}`);
  }
  return { cert, key };
}

/** The names a self-signed certificate covers: loopback, this host, the bind address, extras. */
export function certificateNames(config: Pick<Config, 'host' | 'tlsNames'>): string[] {
  const names = ['localhost', '127.0.0.1', '::1', hostname(), ...config.tlsNames];
  if (config.host !== '0.0.0.0' && config.host !== '::') names.push(config.host);
  return [...new Set(names)];
}

function covers(cert: X509Certificate, name: string): boolean {
  return isIP(name) ? cert.checkIP(name) !== undefined : cert.checkHost(name) !== undefined;
}

function reusable(certPem: string, keyPem: string, names: string[], now: number): boolean {
  try {
    const cert = new X509Certificate(certPem);
    return (
      Date.parse(cert.validTo) - now > DAY_MS &&
      cert.checkPrivateKey(createPrivateKey(keyPem)) &&
      names.every((name) => covers(cert, name))
    );
  } catch {
    return false;
  }
}

function writeAtomically(path: string, text: string, mode: number): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode });
  renameSync(temporary, path);
}

async function selfSigned(dir: string, names: string[]): Promise<TlsMaterial> {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  try {
    const cert = readFileSync(certFile, 'utf8');
    const key = readFileSync(keyFile, 'utf8');
    if (reusable(cert, key, names, Date.now())) return { cert, key, certFile, reused: true };
  } catch {
    // Nothing usable there yet: make a new pair below.
  }
  // Loaded only here: the library costs ~100 ms at start, and most runs never need it.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'acs-call-emulator' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 365 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: names.map((name) =>
          isIP(name) ? { type: 7, ip: name } : { type: 2, value: name },
        ),
      },
    ],
  });
  try {
    mkdirSync(dir, { recursive: true });
    writeAtomically(keyFile, pems.private, 0o600);
    writeAtomically(certFile, pems.cert, 0o644);
  } catch (err) {
    throw new ConfigError(
      '--tls-dir',
      `cannot write ${dir} (${(err as NodeJS.ErrnoException).code})`,
    );
  }
  return { cert: pems.cert, key: pems.private, certFile };
}

/** The TLS material the config asks for, or undefined for plain HTTP. */
export async function loadTlsMaterial(config: TlsConfig): Promise<TlsMaterial | undefined> {
  if (config.certFile !== undefined && config.keyFile !== undefined)
    return fromFiles(config.certFile, config.keyFile);
  if (config.tls === 'self-signed') return selfSigned(config.tlsDir, certificateNames(config));
  return undefined;
}
