/**
 * Text and Markdown previews as self-contained HTML. Everything from the file is escaped: the
 * Markdown subset below produces tags only from its own syntax, never from the input, and the
 * page is served with `Content-Security-Policy: sandbox` besides.
 */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE =
  'body{font:15px/1.5 system-ui,sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:#222}' +
  'pre{background:#f6f8fa;padding:1em;overflow:auto;white-space:pre-wrap;word-break:break-word}code{font-family:ui-monospace,monospace}';

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>\n`;
}

export function textToHtml(title: string, text: string): string {
  return page(title, `<pre>${escape(text)}</pre>`);
}

function inline(text: string): string {
  return escape(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\*([^*]+)\*/g, '<em>$1</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) => `<a href="${url}" rel="noopener noreferrer">${label}</a>`);
}

/** Headings, paragraphs, lists, block quotes, fenced code and inline emphasis, code and links. */
export function markdownToHtml(title: string, markdown: string): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  let list: string[] | null = null;
  let fence: string[] | null = null;
  const flush = () => {
    if (paragraph.length > 0) {
      out.push(`<p>${inline(paragraph.join(' '))}</p>`);
      paragraph = [];
    }
    if (list) {
      out.push(`<ul>${list.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
      list = null;
    }
  };
  for (const line of markdown.split(/\r?\n/)) {
    if (fence) {
      if (line.startsWith('```')) {
        out.push(`<pre><code>${escape(fence.join('\n'))}</code></pre>`);
        fence = null;
      } else {
        fence.push(line);
      }
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const item = /^\s*[-*+]\s+(.*)$/.exec(line);
    if (line.startsWith('```')) {
      flush();
      fence = [];
    } else if (heading) {
      flush();
      const level = (heading[1] as string).length;
      out.push(`<h${level}>${inline(heading[2] as string)}</h${level}>`);
    } else if (item) {
      if (paragraph.length > 0) {
        flush();
      }
      (list ??= []).push(item[1] as string);
    } else if (line.startsWith('>')) {
      flush();
      out.push(`<blockquote>${inline(line.replace(/^>\s?/, ''))}</blockquote>`);
    } else if (line.trim() === '') {
      flush();
    } else {
      paragraph.push(line.trim());
    }
  }
  if (fence) {
    out.push(`<pre><code>${escape(fence.join('\n'))}</code></pre>`);
  }
  flush();
  return page(title, out.join('\n'));
}
