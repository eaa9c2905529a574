import type { RespArg, RespValue } from '../resp/index.js';
import { type ArgNode, type ArgumentPlan, encodeArguments, planArguments } from './argument-grammar.js';
import type { CommandDefinition } from './command-definition.js';
import { type ReplyShape, shapeReply } from './reply-shapes.js';
import { type Availability, availabilityOf } from './server-version.js';

/**
 * Builds a generated command definition: `prefix` (the command name words), the Redis version that
 * introduced it (or the flavors that have it, for a command not in every Redis from some version on), its argument grammar, and its reply shape (or a transform). The argument plan is computed on first use.
 * The method's types are given explicitly by the generated code (`command<[params], Reply>(...)`).
 */
export function command<A extends readonly unknown[], R>(
  prefix: readonly string[],
  since: string | Availability,
  grammar: readonly ArgNode[],
  reply: ReplyShape | ((reply: RespValue, buffers: boolean) => unknown),
): CommandDefinition<A, R> {
  let plan: ArgumentPlan | undefined;
  const encode = (...args: A): RespArg[] => {
    plan ??= planArguments(grammar);
    return encodeArguments(prefix, grammar, plan, args);
  };
  let transform: ((value: RespValue, buffers: boolean) => R) | undefined;
  if (typeof reply === 'function') transform = reply as (value: RespValue, buffers: boolean) => R;
  else if (reply !== 'r') transform = (value, buffers) => shapeReply(value, reply, buffers) as R;
  return { encode, transform, availability: availabilityOf(since) };
}
