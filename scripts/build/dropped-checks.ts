// Validation through a call kept only for the exception it may throw (`try {
// decodeURIComponent(x) } catch { … }`) is dead code to a bundler: rolldown treats such calls as
// pure, deletes them, and then deletes the try around them, so the shipped build skips the check
// the sources make. Two scans find it: one over the sources (a known-pure call whose result is
// dropped) and one over the built files (what such a deletion leaves behind: an empty try block,
// or an `if` whose block is empty). The built-code scan runs inside every `electron-vite build`
// (emptyBlockCheck, on our modules before minification) and again on the files in out/ in
// `npm run build` (check-build.ts), which also runs the source scan.
import { isAbsolute, relative } from 'node:path';
import { parseSync, type Plugin } from 'vite';

export interface Finding {
  file: string;
  line: number;
  what: string;
  /** The code around the finding, one line, for a build log. */
  excerpt: string;
}

interface Node {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

const isNode = (v: unknown): v is Node =>
  typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';

function walk(node: Node, visit: (n: Node) => void): void {
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) walk(item, visit);
    } else if (isNode(value)) {
      walk(value, visit);
    }
  }
}

function parse(file: string, code: string): Node {
  const result = parseSync(file, code);
  const error = result.errors[0];
  if (error !== undefined) throw new Error(`${file} does not parse: ${error.message}`);
  return result.program as unknown as Node;
}

function finding(file: string, code: string, node: Node, what: string): Finding {
  const line = code.slice(0, node.start).split('\n').length;
  const from = Math.max(0, node.start - 30);
  const excerpt = code
    .slice(from, Math.min(code.length, node.end + 30, from + 120))
    .replace(/\s+/g, ' ');
  return { file, line, what, excerpt };
}

const isEmptyBlock = (n: unknown): boolean =>
  isNode(n) &&
  ((n.type === 'BlockStatement' && (n.body as unknown[]).length === 0) ||
    n.type === 'EmptyStatement');

/** Empty try blocks and empty `if` blocks (no else) in a built file. */
export function emptyBlocks(file: string, code: string): Finding[] {
  const found: Finding[] = [];
  walk(parse(file, code), (n) => {
    if (n.type === 'TryStatement' && isEmptyBlock(n.block)) {
      found.push(finding(file, code, n, 'an empty try block'));
    } else if (n.type === 'IfStatement' && isEmptyBlock(n.consequent) && n.alternate === null) {
      found.push(finding(file, code, n, 'an if statement with an empty block'));
    }
  });
  return found;
}

// Globals a bundler may treat as free of side effects: a call to one of them whose result is
// unused is deleted, along with the exception that was the point of calling it.
const PURE_FUNCTIONS = new Set([
  'decodeURIComponent',
  'decodeURI',
  'encodeURIComponent',
  'encodeURI',
  'atob',
  'btoa',
  'BigInt',
  'Number',
  'String',
  'Symbol',
  'structuredClone',
  'parseInt',
  'parseFloat',
  'isNaN',
  'isFinite',
]);
const PURE_CONSTRUCTORS = new Set(['URL', 'URLSearchParams', 'RegExp', 'TextDecoder', 'Date']);
const PURE_MEMBERS = new Set([
  'JSON.parse',
  'JSON.stringify',
  'URL.parse',
  'URL.canParse',
  'Buffer.from',
  'Object.keys',
]);
// Methods that validate by throwing (zod's parse, a fatal TextDecoder's decode): not deleted
// today, but a dropped result still means the validated value is thrown away.
const VALIDATING_METHODS = new Set(['parse', 'parseAsync', 'decode']);

function calleeName(callee: unknown): string | null {
  if (!isNode(callee)) return null;
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression' && !callee.computed) {
    const object = calleeName(callee.object);
    const property = isNode(callee.property) ? (callee.property.name as string) : null;
    return object !== null && property !== null ? `${object}.${property}` : `?.${property}`;
  }
  return null;
}

function droppedCall(expression: unknown): string | null {
  let e = expression;
  while (isNode(e) && (e.type === 'ParenthesizedExpression' || e.type === 'TSAsExpression'))
    e = e.expression;
  if (isNode(e) && e.type === 'UnaryExpression' && e.operator === 'void') e = e.argument;
  if (isNode(e) && e.type === 'AwaitExpression') e = e.argument;
  if (!isNode(e) || (e.type !== 'CallExpression' && e.type !== 'NewExpression')) return null;
  const name = calleeName(e.callee);
  if (name === null) return null;
  if (e.type === 'NewExpression') return PURE_CONSTRUCTORS.has(name) ? `new ${name}(…)` : null;
  if (PURE_FUNCTIONS.has(name) || PURE_MEMBERS.has(name)) return `${name}(…)`;
  const method = name.slice(name.lastIndexOf('.') + 1);
  return VALIDATING_METHODS.has(method) ? `${name}(…)` : null;
}

/** Statements in a source file that call a validator and throw its result away. */
export function droppedResults(file: string, code: string): Finding[] {
  const found: Finding[] = [];
  walk(parse(file, code), (n) => {
    if (n.type !== 'ExpressionStatement') return;
    const call = droppedCall(n.expression);
    if (call !== null) {
      found.push(
        finding(file, code, n, `${call} whose result is unused (kept only for its throw)`),
      );
    }
  });
  return found;
}

export function describeFinding(f: Finding): string {
  return `${f.file}:${f.line}: ${f.what}: ${f.excerpt}`;
}

/**
 * Fails `electron-vite build` when our code in a chunk holds an empty try or `if` block. It reads
 * each module as rendered into its chunk, before minification: there such a block is still a block
 * (the minifier folds `if (x.includes("%")) {}` into an expression and hides it). Dependencies are
 * left out: their own dead branches (zod has some) are not checks of ours.
 */
export function emptyBlockCheck(): Plugin {
  return {
    name: 'peak-watch:empty-block-check',
    apply: 'build',
    renderChunk(_code, chunk) {
      const problems: string[] = [];
      for (const [id, module] of Object.entries(chunk.modules)) {
        if (module.code === null || !isOurs(id)) continue;
        const file = relative(process.cwd(), id);
        for (const f of emptyBlocks(file, module.code)) {
          problems.push(`${file} (bundled into ${chunk.name}): ${f.what}: ${f.excerpt}`);
        }
      }
      if (problems.length > 0) {
        this.error(
          `The bundler deleted statements from our code, leaving empty blocks; a check kept only for its throw must use its result:\n- ${problems.join('\n- ')}`,
        );
      }
      return null;
    },
  };
}

// Our modules are files outside node_modules; the ids of virtual modules start with \0.
function isOurs(id: string): boolean {
  return isAbsolute(id) && !id.includes('/node_modules/');
}
