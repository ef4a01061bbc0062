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
