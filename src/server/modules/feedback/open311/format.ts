/**
 * Open311 answers in the two formats of the specification: XML (required; `text/xml; charset=utf-8`, the XML
 * declaration with encoding="utf-8", schemaless, no namespace) and JSON (`application/json; charset=utf-8`, the
 * "Spark convention" mapping of the XML: the root's repeated element becomes an array, booleans and numbers stay
 * typed, an empty element is null). Errors: `<errors><error><code/><description/></error></errors>` or
 * `[{code, description}]`, with the HTTP status (404 missing resource, 403 missing or invalid api_key, 400 any other).
 */

import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyReply } from 'fastify';
import type { Open311Error, Open311Format } from '../../../../common/api/open311';

const builder = new XMLBuilder({ format: true, ignoreAttributes: true, suppressEmptyNode: false });
const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

type Scalar = string | number | boolean | null;
interface Element {
  [key: string]: Scalar | Element[] | Scalar[] | Element | undefined;
}

/** The format of a path ending in .json or .xml (anything else answers in JSON). */
export function formatOfPath(url: string): Open311Format {
  return /\.xml$/i.test(url.split('?')[0] ?? '') ? 'xml' : 'json';
}

/** Splits "land.json" into the resource id and its format; null when the suffix is not a supported format. */
export function splitFormat(segment: string): { id: string; format: Open311Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(segment);
  return m ? { id: m[1]!, format: m[2] as Open311Format } : null;
}

/** XML of a list: `<root><item>…</item>…</root>`; an empty list is `<root></root>`. */
export function xmlList(root: string, item: string, items: Element[]): string {
  return DECLARATION + builder.build({ [root]: items.length ? { [item]: items.map(xmlElement) } : '' });
}

/** XML of one object under its root element. */
export function xmlObject(root: string, value: Element): string {
  return DECLARATION + builder.build({ [root]: xmlElement(value) });
}

/** Nested lists become a wrapper of repeated children (attributes → attribute, formats → format); nulls empty elements. */
function xmlElement(value: Element): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      const child = k.endsWith('s') ? k.slice(0, -1) : 'item';
      out[k] = v.length
        ? { [child]: v.map((x) => (x !== null && typeof x === 'object' ? xmlElement(x) : (x ?? ''))) }
        : '';
    } else if (v !== null && typeof v === 'object') out[k] = xmlElement(v);
    else out[k] = v === null ? '' : v;
  }
  return out;
}

export function sendList(
  reply: FastifyReply,
  format: Open311Format,
  root: string,
  item: string,
  items: Element[],
  status = 200,
) {
  reply.status(status).header('access-control-allow-origin', '*');
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xmlList(root, item, items));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(items));
}

export function sendObject(reply: FastifyReply, format: Open311Format, root: string, value: Element) {
  reply.status(200).header('access-control-allow-origin', '*');
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xmlObject(root, value));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

export function sendErrors(
  reply: FastifyReply,
  format: Open311Format,
  status: number,
  errors: Open311Error[],
) {
  return sendList(reply, format, 'errors', 'error', errors, status);
}

/** An error answered in the specification's format (one or several descriptions, one HTTP status). */
export class Open311Failure extends Error {
  readonly status: number;
  readonly errors: Open311Error[];
  constructor(status: number, descriptions: string[]) {
    super(descriptions.join('; '));
    this.status = status;
    this.errors = descriptions.map((description) => ({ code: status, description }));
  }
}
