/** URLs as they may appear in logs: credentials and query values hidden, the rest kept. */

/** Drops `user:password@` and replaces every query value with `***` (e.g. Functions' `?code=`). */
export function safeUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '(not a URL)';
  }
  if (!url.username && !url.password && !url.search) return value;
  url.username = '';
  url.password = '';
  const names = [...url.searchParams.keys()];
  url.search = '';
  const query = names.map((name) => `${encodeURIComponent(name)}=***`).join('&');
  return query ? `${url.href}?${query}` : url.href;
}

/** Field names whose string values are URLs the emulator POSTs to (callbackUri, webhookUrl, url). */
const URL_FIELD = /(?:uri|url)$/i;

/**
 * A copy of a JSON value with every URL-valued field (by name: `callbackUri`,
 * `operationCallbackUri`, `webhookUrl`, `url`, ...) passed through {@link safeUrl}; other values
 * are shared, not copied. For the control API's views of journals and calls.
 */
export function maskUrlFields<T>(value: T, depth = 0): T {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskUrlFields(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  let changed = false;
  for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
    const masked =
      typeof field === 'string' && URL_FIELD.test(name) && isUrl(field)
        ? safeUrl(field)
        : maskUrlFields(field, depth + 1);
    if (masked !== field) changed = true;
    out[name] = masked;
  }
  return changed ? (out as T) : value;
}

const isUrl = (value: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
