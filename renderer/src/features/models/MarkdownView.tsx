import type { ReactNode } from 'react';

/** Inline Markdown: `code` and **bold** only; everything else is text (nothing is parsed as HTML). */
function inline(text: string): ReactNode[] {
  return text.split(/(`[^`]+`|\*\*[^*]+\*\*)/g).map((part, i) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1)
      return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.startsWith('**') && part.endsWith('**') && part.length > 3)
      return <strong key={i}>{part.slice(2, -2)}</strong>;
    return part;
  });
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replaceAll('\\|', '|'));
}

/** The subset of Markdown model cards use: headings, paragraphs, lists and tables, rendered as elements. */
export function MarkdownView({ markdown }: { markdown: string }) {
  const lines = markdown.split('\n');
  const out: ReactNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const heading = /^(#{1,4}) (.*)$/.exec(line);
    if (heading) {
      const level = (heading[1] as string).length;
      const text = inline(heading[2] as string);
      out.push(
        level === 1 ? (
          <h2 key={i}>{text}</h2>
        ) : level === 2 ? (
          <h3 key={i}>{text}</h3>
        ) : (
          <h4 key={i}>{text}</h4>
        ),
      );
      i++;
    } else if (line.startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && (lines[i] as string).startsWith('|')) {
        if (!/^\|\s*-/.test(lines[i] as string)) rows.push(cells(lines[i] as string));
        i++;
      }
      const [head, ...body] = rows;
      out.push(
        <table key={i} className="md-table">
          <thead>
            <tr>
              {(head ?? []).map((c, j) => (
                <th key={j}>{inline(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((r, k) => (
              <tr key={k}>
                {r.map((c, j) => (
                  <td key={j}>{inline(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>,
      );
    } else if (line.startsWith('- ')) {
      const items: string[] = [];
      while (i < lines.length && (lines[i] as string).startsWith('- '))
        items.push((lines[i++] as string).slice(2));
      out.push(
        <ul key={i}>
          {items.map((it, j) => (
            <li key={j}>{inline(it)}</li>
          ))}
        </ul>,
      );
    } else if (line.trim() === '') {
      i++;
    } else {
      const para: string[] = [];
      while (i < lines.length && (lines[i] as string).trim() !== '' && !/^(#|\||- )/.test(lines[i] as string))
        para.push(lines[i++] as string);
      out.push(<p key={i}>{inline(para.join(' '))}</p>);
    }
  }
  return <div className="markdown">{out}</div>;
}
