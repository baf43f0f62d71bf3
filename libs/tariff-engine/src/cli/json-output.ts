/** A number to be written verbatim into JSON (an exact decimal, never a float). */
export class JsonNumber {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error(`Not a JSON number: ${text}`);
  }
}

/** JSON.stringify with indentation, writing JsonNumber values as exact number literals. */
export function stringifyJson(value: unknown, indent = 2): string {
  const write = (v: unknown, depth: number): string => {
    const pad = ' '.repeat(indent * (depth + 1));
    const end = ' '.repeat(indent * depth);
    if (v instanceof JsonNumber) return v.text;
    if (Array.isArray(v)) {
      if (v.length === 0) return '[]';
      return `[\n${v.map((x) => pad + write(x, depth + 1)).join(',\n')}\n${end}]`;
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined);
      if (entries.length === 0) return '{}';
      return `{\n${entries.map(([k, x]) => `${pad}${JSON.stringify(k)}: ${write(x, depth + 1)}`).join(',\n')}\n${end}}`;
    }
    return JSON.stringify(v) ?? 'null';
  };
  return write(value, 0);
}
