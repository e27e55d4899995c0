/**
 * Fastify's compiled serialisation (fast-json-stringify) for a route whose answer is large and simple, instead of
 * the Zod serializer (which parses every row again before JSON.stringify). The route keeps its Zod response schema
 * (the OpenAPI document and the types come from it); this compiles the same schema, as JSON Schema, once.
 *
 * Only for answers the server builds itself with the schema's types: the compiled serializer writes the schema's
 * properties in the schema's order and leaves out any other, as the Zod serializer does, but does not re-check
 * values.
 */
import { createRequire } from 'node:module';
import type { FastifyReply } from 'fastify';
import { type ZodType, z } from 'zod';

type JsonSchema = { [key: string]: unknown };
type Build = (schema: JsonSchema) => (data: unknown) => string;

/** fast-json-stringify, Fastify's own serializer (resolved from Fastify, whose dependency it is). */
const build: Build = createRequire(createRequire(import.meta.url).resolve('fastify'))('fast-json-stringify');

/**
 * The schema reduced to what serialising needs: a nullable value (an object too) as a type list (fast-json-stringify
 * would try each branch of an anyOf with a validator), no patterns, formats or bounds (nothing is validated).
 */
export function serializationSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(serializationSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as JsonSchema;
  const branches = s.anyOf as JsonSchema[] | undefined;
  if (Array.isArray(branches) && branches.length === 2) {
    const nullIndex = branches.findIndex((b) => b.type === 'null' && Object.keys(b).length === 1);
    const other = branches[1 - nullIndex];
    if (nullIndex >= 0 && other && typeof other.type === 'string') {
      const { anyOf: _anyOf, ...rest } = s;
      return serializationSchema({ ...rest, ...other, type: [other.type, 'null'] });
    }
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(s)) {
    if (['$schema', 'pattern', 'format', 'minimum', 'maximum', 'minLength', 'maxLength'].includes(key))
      continue;
    out[key] = key === 'properties' ? mapValues(value as JsonSchema) : serializationSchema(value);
  }
  return out;
}

function mapValues(properties: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, serializationSchema(v)]));
}

/** A route's `serializerCompiler`: its Zod response schemas compiled by fast-json-stringify. */
export function compiledSerializer({ schema }: { schema: unknown }): (data: unknown) => string {
  const jsonSchema = z.toJSONSchema(schema as ZodType, { io: 'output', target: 'draft-7' });
  return build(serializationSchema(jsonSchema) as JsonSchema);
}

/** Bodies already serialised, by the answer they were serialised from (kept as long as that answer is). */
const bodies = new WeakMap<object, Buffer>();

/**
 * Sends `answer` as JSON through the route's own serializer, serialising each answer object once: an answer served
 * again from a cache (the same object) goes out as the bytes already made. Only for answers nobody mutates.
 */
export function sendSerializedOnce(reply: FastifyReply, answer: object): FastifyReply {
  let body = bodies.get(answer);
  if (!body) {
    body = Buffer.from(reply.serialize(answer) as string);
    bodies.set(answer, body);
  }
  return reply.type('application/json; charset=utf-8').send(body);
}
