/**
 * A JSON parser that remembers where every value sits in the text, so a
 * validation issue at `steps[3].gather.timeout_s` can be shown on its line.
 * Written here because JSON.parse gives no positions and an editor library
 * (CodeMirror, Monaco) would be hundreds of kilobytes for one textarea.
 */
export type JsonNode =
  | { kind: 'object'; start: number; end: number; entries: { key: string; keyStart: number; value: JsonNode }[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'scalar'; start: number; end: number; value: string | number | boolean | null };

export interface JsonSyntaxError {
  message: string;
  /** Offset in the text where reading stopped. */
  offset: number;
}

export type ParseResult = { ok: true; node: JsonNode; value: unknown } | { ok: false; error: JsonSyntaxError };

const WS = new Set([' ', '\t', '\n', '\r']);

class JsonSyntaxFailure extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(message: string, at = this.pos): never {
    throw new JsonSyntaxFailure(message, at);
  }
  skipWs(): void {
    while (this.pos < this.text.length && WS.has(this.text[this.pos])) this.pos++;
  }
  describe(): string {
    return this.pos >= this.text.length ? 'the end of the text' : `"${this.text[this.pos]}"`;
  }
  expect(ch: string, what: string): void {
    this.skipWs();
    if (this.text[this.pos] !== ch) this.fail(`expected ${what}, found ${this.describe()}`);
    this.pos++;
  }

  value(): JsonNode {
    this.skipWs();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') {
      const start = this.pos;
      return { kind: 'scalar', start, value: this.string(), end: this.pos };
    }
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        const start = this.pos;
        this.pos += word.length;
        return { kind: 'scalar', start, end: this.pos, value: v };
      }
    }
    return this.fail(`expected a value, found ${this.describe()}`);
  }

  object(): JsonNode {
    const start = this.pos++;
    const entries: { key: string; keyStart: number; value: JsonNode }[] = [];
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', start, end: this.pos, entries };
    }
    for (;;) {
      this.skipWs();
      if (this.text[this.pos] !== '"') this.fail(`expected a property name in double quotes, found ${this.describe()}`);
      const keyStart = this.pos;
      const key = this.string();
      this.expect(':', '":" after the property name');
      entries.push({ key, keyStart, value: this.value() });
      this.skipWs();
      if (this.text[this.pos] === ',') { this.pos++; continue; }
      if (this.text[this.pos] === '}') { this.pos++; break; }
      this.fail(`expected "," or "}" after a property, found ${this.describe()}`);
    }
    return { kind: 'object', start, end: this.pos, entries };
  }

  array(): JsonNode {
    const start = this.pos++;
    const items: JsonNode[] = [];
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', start, end: this.pos, items };
    }
    for (;;) {
      items.push(this.value());
      this.skipWs();
      if (this.text[this.pos] === ',') { this.pos++; continue; }
      if (this.text[this.pos] === ']') { this.pos++; break; }
      this.fail(`expected "," or "]" in a list, found ${this.describe()}`);
    }
    return { kind: 'array', start, end: this.pos, items };
  }

  string(): string {
    const start = this.pos++;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch === '\n') this.fail('unterminated string', start);
      if (ch === '\\') { this.pos += 2; continue; }
      this.pos++;
      if (ch === '"') break;
    }
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      return this.fail('invalid escape in a string', start);
    }
  }

  number(): JsonNode {
    const start = this.pos;
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) return this.fail(`expected a number, found ${this.describe()}`);
    this.pos += m[0].length;
    return { kind: 'scalar', start, end: this.pos, value: Number(m[0]) };
  }
}

function toValue(n: JsonNode): unknown {
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'array') return n.items.map(toValue);
  const out: Record<string, unknown> = {};
  for (const e of n.entries) out[e.key] = toValue(e.value);
  return out;
}

export function parseJsonWithPositions(text: string): ParseResult {
  const r = new Reader(text);
  try {
    const node = r.value();
    r.skipWs();
    if (r.pos < text.length) r.fail(`unexpected ${r.describe()} after the end of the document`);
    return { ok: true, node, value: toValue(node) };
  } catch (e) {
    if (e instanceof JsonSyntaxFailure) return { ok: false, error: { message: e.message, offset: e.offset } };
    throw e;
  }
}

/** `steps[3].gather.timeout_s` → ['steps', 3, 'gather', 'timeout_s']. Also accepts dotted indexes (`steps.3`). */
export function splitIssuePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (/^\d+$/.test(m[1])) out.push(Number(m[1]));
    else out.push(m[1]);
  }
  return out;
}

/**
 * The deepest node the path reaches (a field that is missing points at its
 * parent object, which is where it would go).
 */
export function nodeAt(root: JsonNode, path: readonly (string | number)[]): JsonNode {
  let node = root;
  for (const seg of path) {
    let next: JsonNode | undefined;
    if (node.kind === 'array' && typeof seg === 'number') next = node.items[seg];
    else if (node.kind === 'object') next = node.entries.find((e) => e.key === String(seg))?.value;
    if (next === undefined) break;
    node = next;
  }
  return node;
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
