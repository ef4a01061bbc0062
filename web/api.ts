/**
 * The control API as the page uses it. Every write sends a JSON body with
 * `content-type: application/json`, and the admin key when there is one.
 */

export interface ApiProblem {
  field?: string;
  message: string;
}

/** A refused control-API call: the emulator's error code, message and per-field details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: ApiProblem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const KEY_STORAGE = 'acs-call-emulator.admin-key';

export class AdminApi {
  key: string | undefined;

  constructor(readonly base = '') {
    this.key = sessionStorage.getItem(KEY_STORAGE) ?? undefined;
  }

  setKey(key: string | undefined): void {
    this.key = key;
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...extra, ...(this.key ? { 'x-admin-key': this.key } : {}) };
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path, undefined);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  async delete(path: string): Promise<void> {
    await this.call<unknown>('DELETE', path, undefined);
  }

  private async call<T>(method: string, path: string, body: unknown): Promise<T> {
    const response = await fetch(this.base + path, {
      method,
      // Every write says JSON, even a DELETE without a body: the control API may insist on it.
      headers: this.headers(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw errorOf(response.status, json);
    return json as T;
  }
}

function errorOf(status: number, json: unknown): ApiError {
  const error = (json as { error?: Record<string, unknown> } | undefined)?.error;
  const details = Array.isArray(error?.details) ? (error.details as Record<string, unknown>[]) : [];
  return new ApiError(
    status,
    String(error?.code ?? status),
    String(error?.message ?? `HTTP ${status}`),
    details.map((d) => ({
      ...(typeof d.target === 'string' ? { field: d.target } : {}),
      message: String(d.message ?? ''),
    })),
  );
}
