/**
 * A queue's script (markdown with {{variables}}) → HTML the desktop can put
 * in the page as is. Safety comes from the order of work: the whole source
 * is HTML-escaped first, then a small markdown subset is applied to the
 * escaped text (it can only add the tags below), and the variables are
 * substituted last with escaped values, so neither the script's author nor
 * a caller's data (a customer named `<img onerror=...>`, an IVR digit
 * string) can inject markup, and a value is never read as markdown.
 *
 * Subset: # headings, paragraphs, - / * and 1. lists, **bold**, *italic*,
 * `code`, [links](https://...) (http, https, mailto, tel only), --- rules.
 */
export type ScriptVars = Readonly<Record<string, string | number | null | undefined>>;

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]);

const SAFE_URL = /^(https?:\/\/|mailto:|tel:)/i;

function inline(escaped: string): string {
  return escaped
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*\w])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>')
    // The URL is already escaped (no quote can close the attribute); only safe schemes become links.
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (all, text: string, url: string) =>
      SAFE_URL.test(url) ? `<a href="${url}" target="_blank" rel="noopener noreferrer">${text}</a>` : all);
}

function blocks(escaped: string): string {
  const out: string[] = [];
  let para: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | undefined;
  const flush = () => {
    if (para.length) out.push(`<p>${para.map(inline).join('<br>')}</p>`);
    para = [];
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${inline(i)}</li>`).join('')}</${list.tag}>`);
    list = undefined;
  };
  for (const raw of escaped.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (line.trim() === '') flush();
    else if (/^\s*(-{3,}|\*{3,})\s*$/.test(line)) { flush(); out.push('<hr>'); }
    else if (heading) { flush(); const n = heading[1].length; out.push(`<h${n}>${inline(heading[2])}</h${n}>`); }
    else if (bullet || numbered) {
      const tag = bullet ? 'ul' : 'ol';
      if (para.length || (list && list.tag !== tag)) flush();
      list ??= { tag, items: [] };
      list.items.push((bullet ?? numbered)![1]);
    } else if (list && /^\s{2,}/.test(raw)) list.items[list.items.length - 1] += ` ${line.trim()}`;
    else { if (list) flush(); para.push(line); }
  }
  flush();
  return out.join('\n');
}

/**
 * Renders the script. A variable is `{{name}}` with dots for paths
 * (`{{customer.name}}`, `{{attributes.digits}}`); an unknown one renders
 * empty, so the agent never reads a raw placeholder to a customer.
 */
export function renderScript(markdown: string, vars: ScriptVars): string {
  const html = blocks(escapeHtml(markdown));
  return html.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_all, key: string) => {
    const v = vars[key];
    return v === null || v === undefined ? '' : escapeHtml(String(v));
  });
}
