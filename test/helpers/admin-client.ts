/** Small fetch helpers for the control API in tests: status and JSON of a POST or GET. */
export interface AdminReply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export async function adminRequest<T = Record<string, unknown>>(
  baseUrl: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<AdminReply<T>> {
  const response = await fetch(new URL(path.replace(/^\//, ''), baseUrl), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

export const adminPost = <T = Record<string, unknown>>(
  baseUrl: string,
  path: string,
  body?: unknown,
) => adminRequest<T>(baseUrl, 'POST', path, body);

export const adminGet = <T = Record<string, unknown>>(baseUrl: string, path: string) =>
  adminRequest<T>(baseUrl, 'GET', path);
