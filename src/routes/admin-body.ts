/** Control-API body reading: a JSON object (empty body = `{}`) with only the fields a route knows. */
import { AcsError, errors } from '../http/errors.js';

/** Parses a control-API JSON object body from the raw bytes (an empty body is `{}`). */
export function parseAdminJson(raw: unknown): Record<string, unknown> {
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw errors.invalidJson((err as Error).message);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AcsError(400, 'BadRequest', 'The request body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}

export function adminParse(raw: unknown, fields: readonly string[]): Record<string, unknown> {
  const body = parseAdminJson(raw);
  const unknown = Object.keys(body).filter((k) => !fields.includes(k));
  if (unknown.length > 0) {
    throw errors.invalidBody(
      unknown.map(
        (k) =>
          `unknown property '${k}'${fields.length > 0 ? ` (known: ${fields.join(', ')})` : ' (this route takes no body)'}`,
      ),
    );
  }
  return body;
}
