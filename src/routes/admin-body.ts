/** Control-API body reading: a JSON object (empty body = `{}`) with only the fields a route knows. */
import { errors } from '../http/errors.js';
import { parseAdminJson } from './admin.js';

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
