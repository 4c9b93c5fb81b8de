// How values print in `console.log` output and a result's text/plain: Node's util.inspect, the parts a
// notebook needs — quoted nested strings, `Map(2) { 'a' => 1 }`, class names, `[Circular]`, depth and
// length limits — so a log of a 1e6-element array prints 100 items, not a megabyte.
import { Table } from '../../data/table';

export interface InspectOptions {
  /** Nesting shown before objects print as `[Object]`. */
  depth?: number;
  maxArrayLength?: number;
  maxStringLength?: number;
  /** A one-line form longer than this breaks into one entry per line. */
  breakLength?: number;
}

const DEFAULTS: Required<InspectOptions> = { depth: 2, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 80 };
const IDENT = /^[A-Za-z_$][\w$]*$/;

export function inspect(value: unknown, options: InspectOptions = {}): string {
  const o = { ...DEFAULTS, ...options };
  return format(value, o, 0, new Set(), '');
}

/** console.log's formatting: printf-style `%s %d %i %f %o %O %j %c`, then the rest joined by spaces. */
export function formatLogArgs(args: unknown[]): string {
  const parts: string[] = [];
  let i = 0;
  if (typeof args[0] === 'string' && args.length > 1 && args[0].includes('%')) {
    i = 1;
    parts.push(
      args[0].replace(/%([sdifoOjc%])/g, (m, c: string) => {
        if (c === '%') return '%';
        if (i >= args.length) return m;
        const a = args[i++];
        switch (c) {
          case 's':
            return typeof a === 'string' ? a : inspect(a, { depth: 1 });
          case 'd':
          case 'i': {
            const n = typeof a === 'bigint' ? a : Number(a);
            return typeof n === 'bigint' ? `${n}n` : String(c === 'i' ? Math.trunc(n) : n);
          }
          case 'f':
            return String(Number(a));
          case 'j':
            try {
              return JSON.stringify(a);
            } catch {
              return '[Circular]';
            }
          case 'c':
            return ''; // CSS has no meaning in a text stream
          default:
            return inspect(a, { depth: c === 'O' ? 2 : 4 });
        }
      }),
    );
  }
  for (; i < args.length; i++) parts.push(typeof args[i] === 'string' ? (args[i] as string) : inspect(args[i]));
  return parts.join(' ');
}

function quote(s: string, max: number): string {
  const cut = s.length > max ? s.slice(0, max) : s;
  const escaped = cut
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  const q = `'${escaped}'`;
  return s.length > max ? `${q}... ${s.length - max} more characters` : q;
}

function key(k: string | symbol): string {
  if (typeof k === 'symbol') return `[${k.toString()}]`;
  return IDENT.test(k) ? k : quote(k, Infinity);
}

function className(v: object): string | undefined {
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  if (proto === null) return '[Object: null prototype]';
  const name = proto.constructor?.name;
  return name && name !== 'Object' ? name : undefined;
}

function wrap(
  prefix: string,
  open: string,
  close: string,
  items: string[],
  o: Required<InspectOptions>,
  indent: string,
): string {
  const head = prefix ? `${prefix} ` : '';
  if (!items.length) return `${head}${open}${close}`;
  const one = `${head}${open} ${items.join(', ')} ${close}`;
  if (one.length + indent.length <= o.breakLength && !one.includes('\n')) return one;
  const inner = indent + '  ';
  return `${head}${open}\n${items.map((s) => inner + s).join(',\n')}\n${indent}${close}`;
}

function format(v: unknown, o: Required<InspectOptions>, depth: number, seen: Set<object>, indent: string): string {
  switch (typeof v) {
    case 'string':
      return quote(v, o.maxStringLength);
    case 'number':
      return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint':
      return `${v}n`;
    case 'undefined':
    case 'boolean':
    case 'symbol':
      return String(v);
    case 'function': {
      const src = Function.prototype.toString.call(v);
      if (/^class\b/.test(src)) return `[class ${v.name || '(anonymous)'}]`;
      const kind = v.constructor?.name && v.constructor.name !== 'Function' ? v.constructor.name : 'Function';
      return `[${kind}${v.name ? `: ${v.name}` : ' (anonymous)'}]`;
    }
  }
  if (v === null) return 'null';
  const obj = v as object;
  if (seen.has(obj)) return '[Circular]';
  const special = formatSpecial(obj, o);
  if (special !== undefined) return special;
  const isArray = Array.isArray(obj);
  if (depth > o.depth) return isArray ? '[Array]' : `[${className(obj) ?? 'Object'}]`;
  seen.add(obj);
  try {
    const inner = indent + '  ';
    const sub = (x: unknown) => format(x, o, depth + 1, seen, inner);
    if (isArray || ArrayBuffer.isView(obj)) {
      const arr = obj as ArrayLike<unknown>;
      const n = Math.min(arr.length, o.maxArrayLength);
      const items: string[] = [];
      for (let i = 0; i < n; i++) items.push(i in (arr as object) ? sub(arr[i]) : '<empty>');
      if (arr.length > n) items.push(`... ${arr.length - n} more item${arr.length - n === 1 ? '' : 's'}`);
      const prefix = isArray
        ? className(obj) === 'Array'
          ? ''
          : (className(obj) ?? '')
        : `${className(obj)}(${arr.length})`;
      return wrap(prefix, '[', ']', items, o, indent);
    }
    if (obj instanceof Map) {
      const items = [...obj].slice(0, o.maxArrayLength).map(([k, val]) => `${sub(k)} => ${sub(val)}`);
      if (obj.size > o.maxArrayLength) items.push(`... ${obj.size - o.maxArrayLength} more items`);
      return wrap(`Map(${obj.size})`, '{', '}', items, o, indent);
    }
    if (obj instanceof Set) {
      const items = [...obj].slice(0, o.maxArrayLength).map(sub);
      if (obj.size > o.maxArrayLength) items.push(`... ${obj.size - o.maxArrayLength} more items`);
      return wrap(`Set(${obj.size})`, '{', '}', items, o, indent);
    }
    const keys: Array<string | symbol> = [
      ...Object.keys(obj),
      ...Object.getOwnPropertySymbols(obj).filter((s) => Object.prototype.propertyIsEnumerable.call(obj, s)),
    ];
    const items = keys.slice(0, o.maxArrayLength).map((k) => {
      const d = Object.getOwnPropertyDescriptor(obj, k);
      const shown =
        d && !('value' in d)
          ? d.get && d.set
            ? '[Getter/Setter]'
            : d.get
              ? '[Getter]'
              : '[Setter]'
          : sub((obj as Record<string | symbol, unknown>)[k]);
      return `${key(k)}: ${shown}`;
    });
    if (keys.length > o.maxArrayLength) items.push(`... ${keys.length - o.maxArrayLength} more properties`);
    return wrap(className(obj) ?? '', '{', '}', items, o, indent);
  } finally {
    seen.delete(obj);
  }
}

/** Objects that print as themselves rather than as their fields. */
function formatSpecial(v: object, o: Required<InspectOptions>): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
  if (v instanceof RegExp) return String(v);
  if (v instanceof Error) return v.stack?.includes(v.message) ? v.stack : `${v.name}: ${v.message}`;
  if (v instanceof Promise) return 'Promise { <pending or settled> }';
  if (v instanceof WeakMap || v instanceof WeakSet) return `${className(v)} { <items unknown> }`;
  if (v instanceof ArrayBuffer) return `ArrayBuffer { byteLength: ${v.byteLength} }`;
  if (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer)
    return `SharedArrayBuffer { byteLength: ${v.byteLength} }`;
  if (isFrame(v) || isTensor(v) || v instanceof Table) {
    // A Table and danfojs print their head rows; tfjs prints the values, elided when large.
    try {
      const text = String(v);
      return text.length > o.maxStringLength ? `${text.slice(0, o.maxStringLength)}…` : text;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** A danfojs DataFrame or Series (by shape, not class: the browser bundle's class names are minified). */
export function isFrame(v: unknown): v is { $isSeries: boolean; shape: number[]; head(n: number): unknown } {
  const f = v as { $isSeries?: unknown; shape?: unknown; head?: unknown } | null;
  return (
    !!f &&
    typeof f === 'object' &&
    typeof f.$isSeries === 'boolean' &&
    Array.isArray(f.shape) &&
    typeof f.head === 'function'
  );
}

/** A TensorFlow.js tensor. */
export function isTensor(
  v: unknown,
): v is { shape: number[]; dtype: string; rank: number; dataSync(): ArrayLike<number> } {
  const t = v as { dataSync?: unknown; shape?: unknown; rank?: unknown; dtype?: unknown } | null;
  return (
    !!t &&
    typeof t === 'object' &&
    typeof t.dataSync === 'function' &&
    Array.isArray(t.shape) &&
    typeof t.rank === 'number' &&
    typeof t.dtype === 'string'
  );
}
