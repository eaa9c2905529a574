import type { RespArg } from '../resp/index.js';

/**
 * The argument grammar of one command, as generated from its spec's `arguments`, and the one
 * encoder that turns typed method arguments into the wire form. The generator and this encoder share
 * {@link planArguments}, so the parameter list a method's type declares is exactly what the encoder reads.
 *
 * Node: [kind, key, token, flags, children]
 * - kind `v` value (key, string, pattern, integer, double, unix-time), `t` pure token, `o` oneof, `b` block,
 *   `n` a count computed from the next argument (`numkeys` before a list of keys: never a parameter);
 * - key: the property name in an options/block object: the token when the argument has one
 *   (`EX`, `LIMIT`, `WITHSCORES`), else the camelCase argument name (`condition`, `offset`);
 * - token: sent before the value ('' when none);
 * - flags: {@link OPTIONAL} | {@link MULTIPLE} | {@link MULTIPLE_TOKEN}.
 */
export type ArgNode = readonly [
  kind: 'v' | 't' | 'o' | 'b' | 'n',
  key: string,
  token: string,
  flags: number,
  children?: readonly ArgNode[],
];

export const OPTIONAL = 1;
export const MULTIPLE = 2;
export const MULTIPLE_TOKEN = 4;

/** How one top-level argument is bound to a method parameter. */
export type Binding =
  | { readonly kind: 'constant' }
  | { readonly kind: 'count' }
  | { readonly kind: 'positional'; readonly index: number; readonly rest: boolean }
  | { readonly kind: 'option'; readonly index: number };

/** The parameters of a typed method, derived from its grammar. */
export interface ArgumentPlan {
  readonly bindings: readonly Binding[];
  /** Index of the options object parameter, or -1 when the method has none. */
  readonly optionsIndex: number;
}

/**
 * The parameter convention of generated methods, in order:
 * 1. required arguments become positional parameters in spec order (a required pure token is sent
 *    automatically and takes no parameter, nor does `numkeys`: it is the length of the key list after it);
 * 2. a single optional argument that comes last and is a plain value or a choice of pure tokens becomes
 *    an optional positional parameter (`flushdb('ASYNC')`, `ping('hi')`);
 * 3. otherwise every optional argument is a property of one options object, the last parameter
 *    (`scan(0, { MATCH: 'user:*', COUNT: 100 })`);
 * 4. a trailing `multiple` positional parameter with nothing after it is a rest parameter (`del(...keys)`).
 */
export function planArguments(nodes: readonly ArgNode[]): ArgumentPlan {
  const optional = nodes.filter((node) => (node[3] & OPTIONAL) !== 0);
  const last = nodes[nodes.length - 1];
  const singleTrailing =
    optional.length === 1 && last === optional[0] && (last[0] === 'v' || isTokenChoice(last));
  const bindings: Binding[] = [];
  let index = 0;
  let lastPositional = -1;
  for (const node of nodes) {
    const isOptional = (node[3] & OPTIONAL) !== 0;
    if (node[0] === 'n') {
      bindings.push({ kind: 'count' });
    } else if (!isOptional && node[0] === 't') {
      bindings.push({ kind: 'constant' });
    } else if (!isOptional || singleTrailing) {
      lastPositional = bindings.length;
      bindings.push({ kind: 'positional', index, rest: false });
      index++;
    } else {
      bindings.push({ kind: 'option', index: -1 });
    }
  }
  const hasOptions = optional.length > 0 && !singleTrailing;
  const optionsIndex = hasOptions ? index : -1;
  for (let i = 0; i < bindings.length; i++) {
    if (bindings[i].kind === 'option') bindings[i] = { kind: 'option', index: optionsIndex };
  }
  if (!hasOptions && lastPositional >= 0 && (nodes[lastPositional][3] & MULTIPLE) !== 0) {
    const binding = bindings[lastPositional] as { index: number };
    bindings[lastPositional] = { kind: 'positional', index: binding.index, rest: true };
  }
  return { bindings, optionsIndex };
}

/** A oneof whose alternatives are all pure tokens (`NX | XX`): typed as a string literal union. */
export function isTokenChoice(node: ArgNode): boolean {
  return node[0] === 'o' && (node[4] ?? []).every((child) => child[0] === 't');
}

/** Encodes method arguments by the grammar, after the command name words in `prefix`. */
export function encodeArguments(
  prefix: readonly string[],
  nodes: readonly ArgNode[],
  plan: ArgumentPlan,
  args: readonly unknown[],
): RespArg[] {
  const out: RespArg[] = [...prefix];
  const options =
    plan.optionsIndex >= 0 ? (args[plan.optionsIndex] as Record<string, unknown> | undefined) : undefined;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const binding = plan.bindings[i];
    if (binding.kind === 'constant') {
      out.push(node[2]);
    } else if (binding.kind === 'count') {
      const counted = boundValue(nodes[i + 1], plan.bindings[i + 1], args, options);
      out.push(Array.isArray(counted) ? counted.length : counted === undefined ? 0 : 1);
    } else {
      encodePresent(node, boundValue(node, binding, args, options), out);
    }
  }
  return out;
}

function boundValue(
  node: ArgNode | undefined,
  binding: Binding | undefined,
  args: readonly unknown[],
  options: Record<string, unknown> | undefined,
): unknown {
  if (node === undefined || binding === undefined) return undefined;
  if (binding.kind === 'positional') return binding.rest ? args.slice(binding.index) : args[binding.index];
  if (binding.kind === 'option') return options?.[node[1]];
  return undefined;
}

function encodePresent(node: ArgNode, value: unknown, out: RespArg[]): void {
  if (value === undefined || value === null || value === false) {
    if ((node[3] & OPTIONAL) !== 0) return;
    if (node[0] === 't') {
      out.push(node[2]);
      return;
    }
    throw new TypeError(`missing required argument "${node[1]}"`);
  }
  if ((node[3] & MULTIPLE) !== 0 && node[0] !== 't') {
    const list = Array.isArray(value) ? value : [value];
    if ((node[3] & MULTIPLE_TOKEN) !== 0) {
      for (const element of list) {
        if (node[2] !== '') out.push(node[2]);
        encodeOne(node, element, out);
      }
      return;
    }
    if (node[2] !== '') out.push(node[2]);
    for (const element of list) encodeOne(node, element, out);
    return;
  }
  if (node[2] !== '') out.push(node[2]);
  encodeOne(node, value, out);
}

function encodeOne(node: ArgNode, value: unknown, out: RespArg[]): void {
  switch (node[0]) {
    case 'v':
      if (!isRespArg(value)) {
        throw new TypeError(
          `argument "${node[1]}" must be a string, Buffer or number, got ${Array.isArray(value) ? 'an array' : typeof value}`,
        );
      }
      out.push(value);
      return;
    case 't':
    case 'n':
      return;
    case 'b': {
      const object = (value ?? {}) as Record<string, unknown>;
      for (const child of node[4] ?? []) encodePresent(child, object[child[1]], out);
      return;
    }
    case 'o':
      encodeChoice(node, value, out);
      return;
  }
}

function encodeChoice(node: ArgNode, value: unknown, out: RespArg[]): void {
  const alternatives = node[4] ?? [];
  if (isPlainObject(value)) {
    for (const alternative of alternatives) {
      if (alternative[1] in value) {
        encodePresent(alternative, value[alternative[1]], out);
        return;
      }
    }
    throw new TypeError(`"${node[1]}" needs one of: ${alternatives.map((a) => a[1]).join(', ')}`);
  }
  if (typeof value === 'string') {
    const upper = value.toUpperCase();
    for (const alternative of alternatives) {
      if (alternative[0] === 't' && alternative[2].toUpperCase() === upper) {
        out.push(alternative[2]);
        return;
      }
      const words = tokenWords(alternative);
      if (words !== undefined && words.join(' ').toUpperCase() === upper) {
        out.push(...words);
        return;
      }
    }
  }
  const plain = alternatives.find((alternative) => alternative[0] === 'v' && alternative[2] === '');
  if (plain === undefined) {
    throw new TypeError(
      `"${node[1]}": ${String(value)} is none of ${alternatives.map((a) => a[1]).join(', ')}`,
    );
  }
  encodePresent(plain, value, out);
}

/** A block made only of required pure tokens (`NO ONE`): its words, else undefined. */
export function tokenWords(node: ArgNode): string[] | undefined {
  if (node[0] !== 'b') return undefined;
  const children = node[4] ?? [];
  if (children.length === 0 || children.some((c) => c[0] !== 't' || (c[3] & OPTIONAL) !== 0))
    return undefined;
  return children.map((child) => child[2]);
}

function isRespArg(value: unknown): value is RespArg {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'bigint' || Buffer.isBuffer(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
