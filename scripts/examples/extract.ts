/**
 * @module The `@example`s of a TypeScript source, as code with the source line of each of its
 * lines. An example is the text after `@example` up to the next block tag or the end of its
 * comment; when it has ``` fences, only the fenced TypeScript or JavaScript blocks are code (the
 * rest is prose), otherwise all of it is, including a one-line `@example f(1) // 2`.
 */

export interface Example {
  /** The example's code, one entry per line. */
  lines: string[];
  /** The 1-based source line of each entry of `lines`. */
  sourceLines: number[];
}

const DOC_COMMENT = /\/\*\*[\s\S]*?\*\//g;
const BLOCK_TAG = /^@[a-zA-Z]+/;
const FENCE = /^\s*```\s*([\w-]*)/;
const CODE_FENCES = new Set(['', 'ts', 'typescript', 'js', 'javascript', 'mts', 'tsx']);

/** The text of one line of a doc comment, without its opening, closing and leading `*`. */
function commentText(line: string, first: boolean): string {
  let text = first ? line.replace(/^\s*\/\*\*/, '') : line;
  text = text.replace(/\*\/\s*$/, '');
  if (!first) text = text.replace(/^\s*\*(?: |$)/, '');
  return text;
}

/** Every `@example` in `source`, in order. */
export function examplesIn(source: string): Example[] {
  const examples: Example[] = [];
  for (const match of source.matchAll(DOC_COMMENT)) {
    const startLine = source.slice(0, match.index).split('\n').length;
    const raw = match[0].split('\n');
    let current: Array<{ text: string; line: number }> | undefined;
    const sections: Array<Array<{ text: string; line: number }>> = [];
    raw.forEach((rawLine, i) => {
      const text = commentText(rawLine, i === 0);
      const tag = text.trimStart().match(BLOCK_TAG)?.[0];
      if (tag) {
        current = undefined;
        if (tag !== '@example') return;
        current = [];
        sections.push(current);
        const rest = text.trimStart().slice(tag.length).trim();
        if (rest) current.push({ text: rest, line: startLine + i });
        return;
      }
      current?.push({ text, line: startLine + i });
    });
    for (const section of sections) examples.push(...codeOf(section));
  }
  return examples;
}

/** The code blocks of one example section: its fenced blocks, or all of it when it has none. */
function codeOf(section: Array<{ text: string; line: number }>): Example[] {
  if (!section.some(({ text }) => FENCE.test(text))) return [trimmed(section)].filter(nonEmpty);
  const blocks: Example[] = [];
  let block: Array<{ text: string; line: number }> | undefined;
  let isCode = false;
  for (const entry of section) {
    const fence = entry.text.match(FENCE);
    if (fence && !block) {
      block = [];
      isCode = CODE_FENCES.has((fence[1] ?? '').toLowerCase());
    } else if (fence && block) {
      if (isCode) blocks.push(trimmed(block));
      block = undefined;
    } else {
      block?.push(entry);
    }
  }
  return blocks.filter(nonEmpty);
}

function trimmed(entries: Array<{ text: string; line: number }>): Example {
  const kept = [...entries];
  while (kept.length > 0 && kept[kept.length - 1]?.text.trim() === '') kept.pop();
  while (kept.length > 0 && kept[0]?.text.trim() === '') kept.shift();
  return { lines: kept.map((e) => e.text), sourceLines: kept.map((e) => e.line) };
}

const nonEmpty = (example: Example): boolean => example.lines.length > 0;
