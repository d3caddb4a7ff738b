import { nodeAt, parseJsonWithPositions, splitIssuePath, type JsonNode } from './json-source-map.js';

/** A validation problem as the API reports it (`POST /flows/validate`, a 400 on save). */
export interface FlowIssue {
  path: string;
  message: string;
}

export type Severity = 'error' | 'warning';

/** One step as the outline beside the editor shows it. */
export interface StepOutline {
  index: number;
  id: string | null;
  verb: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
}

/** An issue placed in the text: the line of the field it names, and its step. */
export interface LocatedIssue extends FlowIssue {
  severity: Severity;
  line: number | null;
  step: number | null;
}

export interface FlowText {
  /** The parsed document, when the text is valid JSON. */
  value?: unknown;
  root?: JsonNode;
  syntaxError?: { message: string; line: number; column: number };
  steps: StepOutline[];
}

const STEP_KEYS = new Set(['id', 'next', 'comment']);

/** Offsets of line starts, for offset → line in O(log n). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function outline(root: JsonNode, starts: number[]): StepOutline[] {
  const steps = root.kind === 'object' ? root.entries.find((e) => e.key === 'steps')?.value : undefined;
  if (steps?.kind !== 'array') return [];
  return steps.items.map((s, index) => {
    let id: string | null = null;
    let verb = '?';
    if (s.kind === 'object') {
      for (const e of s.entries) {
        if (e.key === 'id' && e.value.kind === 'scalar' && typeof e.value.value === 'string') id = e.value.value;
        else if (!STEP_KEYS.has(e.key) && verb === '?') verb = e.key;
      }
    }
    return { index, id, verb, startLine: lineAt(starts, s.start), endLine: lineAt(starts, Math.max(s.start, s.end - 1)) };
  });
}

/** Reads the editor's text: the value, the step outline with line ranges, or where the JSON breaks. */
export function readFlowText(text: string): FlowText {
  const starts = lineStarts(text);
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) {
    const line = lineAt(starts, parsed.error.offset);
    return { syntaxError: { message: parsed.error.message, line, column: parsed.error.offset - starts[line - 1] + 1 }, steps: [] };
  }
  return { value: parsed.value, root: parsed.node, steps: outline(parsed.node, starts) };
}

/** The step an issue path names (`steps[3]...` → 3), or null for flow-wide issues. */
export function stepOfPath(path: string): number | null {
  const m = /^steps(?:\[(\d+)\]|\.(\d+))/.exec(path);
  return m ? Number(m[1] ?? m[2]) : null;
}

/** Places each issue on the line of the field it names (or the nearest enclosing value). */
export function locateIssues(text: string, flow: FlowText, issues: { errors: FlowIssue[]; warnings: FlowIssue[] }): LocatedIssue[] {
  const starts = lineStarts(text);
  const place = (i: FlowIssue, severity: Severity): LocatedIssue => {
    const step = stepOfPath(i.path);
    if (!flow.root) return { ...i, severity, step, line: null };
    const node = nodeAt(flow.root, splitIssuePath(i.path));
    return { ...i, severity, step, line: lineAt(starts, node.start) };
  };
  return [...issues.errors.map((i) => place(i, 'error')), ...issues.warnings.map((i) => place(i, 'warning'))];
}

/** Offset of the first character of a 1-based line, for moving the caret there. */
export function offsetOfLine(text: string, line: number): number {
  const starts = lineStarts(text);
  return starts[Math.min(Math.max(line, 1), starts.length) - 1];
}
