/**
 * Reads a doc's fenced blocks and its curl commands, so a doc test runs what the reader would
 * copy instead of a copy of it.
 */
import { readFileSync } from 'node:fs';

export interface DocBlock {
  lang: string;
  text: string;
  /** The heading (`##`/`###`/`**bold**` lead-in) the block sits under, for test names. */
  under: string;
}

export function readDoc(name: string): string {
  return readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');
}

export function blocks(doc: string, lang?: string): DocBlock[] {
  const found: DocBlock[] = [];
  let under = '';
  const lines = doc.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heading = /^#{2,4} (.*)$/.exec(line) ?? /^\*\*(.+?)\*\*/.exec(line);
    if (heading) under = heading[1] as string;
    const fence = /^```(\w*)$/.exec(line);
    if (!fence) continue;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i] as string);
    if (lang === undefined || fence[1] === lang) {
      found.push({ lang: fence[1] as string, text: `${body.join('\n')}\n`, under });
    }
  }
  return found;
}

export interface Curl {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The `# ...` comment lines right after the command: the answer the doc shows. */
  shown: string[];
}

/** Splits an `sh` block into curl commands, with single quotes and `\` line continuations. */
export function curls(text: string): Curl[] {
  const commands: { words: string[]; shown: string[] }[] = [];
  let words: string[] = [];
  let word: string | undefined;
  const endWord = () => {
    if (word !== undefined) words.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push({ words, shown: [] });
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      word = (word ?? '') + text.slice(i + 1, close);
      i = close;
    } else if (c === '\\' && text[i + 1] === '\n') {
      endWord();
      i++;
    } else if (c === '\n') {
      endCommand();
    } else if (c === '#' && word === undefined) {
      const eol = text.indexOf('\n', i);
      endCommand();
      commands.at(-1)?.shown.push(text.slice(i + 1, eol).trim());
      i = eol;
    } else if (c === ' ') {
      endWord();
    } else {
      word = (word ?? '') + c;
    }
  }
  endCommand();
  return commands.map(({ words: w, shown }) => {
    if (w[0] !== 'curl') throw new Error(`not a curl command: ${w.join(' ')}`);
    const curl: Curl = { method: 'GET', url: '', headers: {}, shown };
    for (let k = 1; k < w.length; k++) {
      const arg = w[k] as string;
      if (arg === '-s') continue;
      if (arg === '-X') curl.method = w[++k] as string;
      else if (arg === '-H') {
        const [name, ...value] = (w[++k] as string).split(':');
        curl.headers[(name as string).trim()] = value.join(':').trim();
      } else if (arg === '-d') {
        curl.body = w[++k];
        if (curl.method === 'GET') curl.method = 'POST';
      } else if (/^https?:\/\//.test(arg)) curl.url = arg;
      else throw new Error(`curl argument the doc tests do not know: ${arg}`);
    }
    return curl;
  });
}

/** The doc's default address, which a test swaps for its emulator's. */
export const DOC_ORIGIN = 'http://127.0.0.1:8833/';

/** Sends a doc's curl to `baseUrl` (ending in `/`), with `$NAME` replaced from `vars`. */
export async function send(
  curl: Curl,
  baseUrl: string,
  vars: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  assert(curl.url.startsWith(DOC_ORIGIN), `${curl.url} uses the doc's default address`);
  const url = curl.url.replace(DOC_ORIGIN, baseUrl).replace(/\$(\w+)/g, (_, n: string) => {
    const value = vars[n];
    assert(value !== undefined, `a value for $${n}`);
    return value;
  });
  const response = await fetch(url, {
    method: curl.method,
    headers: curl.headers,
    body: curl.body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

function assert(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Error(`expected ${what}`);
}
