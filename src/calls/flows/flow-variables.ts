import type { FlowValue } from './flow-call.js';

/** A variable name: letters, digits, `_` and `.`, starting with a letter (`caller`, `crm.tier`). */
export const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_.]*$/;

/**
 * The flow's variables: what the call started with, what `set`, `gather`,
 * `survey` and `webhook` stored. Strings, numbers and booleans only, so
 * they map onto an interaction's attributes as they are.
 */
export class FlowVariables {
  readonly #values = new Map<string, FlowValue>();

  constructor(initial: Readonly<Record<string, FlowValue>> = {}) {
    for (const [k, v] of Object.entries(initial)) this.#values.set(k, v);
  }

  get(name: string): FlowValue | undefined {
    return this.#values.get(name);
  }
  has(name: string): boolean {
    return this.#values.has(name);
  }
  set(name: string, value: FlowValue): void {
    this.#values.set(name, value);
  }

  toJSON(): Record<string, FlowValue> {
    return Object.fromEntries(this.#values);
  }

  /** Replaces `{{name}}` with the variable's value ('' when unset). */
  render(template: string): string {
    return template.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g, (_, name: string) => String(this.#values.get(name) ?? ''));
  }
}
