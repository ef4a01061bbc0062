/** The request body type emitter: what each converted schema keyword becomes, and what it refuses. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderTypeDeclarations } from '../../scripts/json-schema-to-typescript.js';

const DEFINITIONS = {
  Request: {
    type: 'object',
    required: ['id', 'options'],
    properties: {
      id: { type: 'string' },
      count: { type: 'integer', format: 'int32', minimum: 0 },
      kinds: { type: 'array', items: { $ref: '#/definitions/Kind' } },
      headers: { type: 'object', additionalProperties: { type: 'string' } },
      'odd-key': { type: 'boolean' },
      options: { $ref: '#/definitions/Options' },
    },
    additionalProperties: false,
  },
  Kind: { type: 'string', enum: ['plain', "it's"] },
  Options: {
    type: 'object',
    required: ['transport'],
    properties: { transport: { type: 'string', enum: ['socket'] } },
    allOf: [
      {
        if: { properties: { transport: { const: 'socket' } }, required: ['transport'] },
        then: { $ref: '#/definitions/SocketOptions' },
      },
    ],
  },
  SocketOptions: {
    type: 'object',
    required: ['transport'],
    properties: { transport: { $ref: '#/definitions/Kind' }, url: { type: 'string' } },
    additionalProperties: true,
  },
  Unreferenced: { type: 'object', properties: { x: { type: 'string' } } },
};

describe('json-schema-to-typescript', () => {
  it('emits the roots and what they reference, sorted, nothing else', () => {
    assert.equal(
      renderTypeDeclarations(DEFINITIONS, ['Request']),
      [
        "export type Kind = 'plain' | 'it\\'s';",
        '',
        'export type Options = SocketOptions;',
        '',
        'export interface Request {',
        '  id: string;',
        '  count?: number;',
        '  kinds?: Kind[];',
        '  headers?: Record<string, string>;',
        "  'odd-key'?: boolean;",
        '  options: Options;',
        '}',
        '',
        'export interface SocketOptions {',
        "  transport: 'socket';",
        '  url?: string;',
        '  [key: string]: unknown;',
        '}',
      ].join('\n'),
    );
  });

  it('puts a long union one member a line', () => {
    const many = { Many: { type: 'string', enum: Array.from({ length: 20 }, (_, i) => `v${i}`) } };
    const text = renderTypeDeclarations(many, ['Many']);
    assert.match(text, /^export type Many =\n {2}\| 'v0'\n {2}\| 'v1'\n/);
    assert.match(text, /\| 'v19';$/);
  });

  it('refuses keywords it does not know instead of typing them loosely', () => {
    const oneOf = { A: { oneOf: [{ type: 'string' }, { type: 'integer' }] } };
    assert.throws(() => renderTypeDeclarations(oneOf, ['A']), /unsupported keywords oneOf/);
    assert.throws(() => renderTypeDeclarations(DEFINITIONS, ['Missing']), /unknown definition/);
  });
});
