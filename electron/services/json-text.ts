// Where things are in a JSON file a person edits: the line and column of a syntax error, and the
// line of each key, so a warning can say "settings.json line 4: …" the way an editor would.
// JSON.parse tells neither (Node 20 gives an offset in its message at best).

export interface TextPosition {
  line: number;
  column: number;
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

export type JsonParse =
  { ok: true; value: unknown } | { ok: false; reason: string; position: TextPosition };

/** JSON.parse with the error's place as line and column. A leading byte-order mark is allowed. */
export function parseJsonText(text: string): JsonParse {
  const body = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // V8: "… in JSON at position 36" (Node 20), "… (line 4 column 3)" after it in newer ones.
    const at = /at position (\d+)/.exec(message);
    const offset = at?.[1] !== undefined ? Number(at[1]) : body.length;
    const reason = message
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/ in JSON at position \d+/, '')
      .replace(/^Unexpected end of JSON input$/, 'the file ends too early');
    return { ok: false, reason, position: positionAt(body, offset) };
  }
}

/**
 * The line of every object key in valid JSON text, by its path (JSON.stringify of the key list).
 * A repeated key gives its last place, the one JSON.parse keeps.
 */
export function keyLines(text: string): Map<string, number> {
  const body = text.replace(/^\uFEFF/, '');
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const space = (): void => {
    while (i < body.length && /\s/.test(body[i]!)) {
      if (body[i] === '\n') line++;
      i++;
    }
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    while (i < body.length && body[i] !== '"') i += body[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(body.slice(start, i)) as string;
  };
  // Bounded by the text: every step moves i forward, and the text is valid JSON (parsed first).
  const value = (path: (string | number)[]): void => {
    space();
    const c = body[i];
    if (c === '{') {
      i++;
      space();
      while (i < body.length && body[i] !== '}') {
        const keyLine = line;
        const key = string();
        lines.set(JSON.stringify([...path, key]), keyLine);
        space();
        i++; // ':'
        value([...path, key]);
        space();
        if (body[i] === ',') i++;
        space();
      }
      i++;
    } else if (c === '[') {
      i++;
      space();
      for (let n = 0; i < body.length && body[i] !== ']'; n++) {
        value([...path, n]);
        space();
        if (body[i] === ',') i++;
        space();
      }
      i++;
    } else if (c === '"') {
      string();
    } else {
      while (i < body.length && !/[\s,\]}]/.test(body[i]!)) i++;
    }
  };
  try {
    value([]);
  } catch {
    // Not valid JSON after all: whatever lines were found are still right.
  }
  return lines;
}

/** The line of `path`'s key, or of the nearest enclosing key that has one. */
export function lineOf(lines: Map<string, number>, path: (string | number)[]): number | null {
  for (let n = path.length; n > 0; n--) {
    const found = lines.get(JSON.stringify(path.slice(0, n)));
    if (found !== undefined) return found;
  }
  return null;
}
