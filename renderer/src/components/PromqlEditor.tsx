// The PromQL editor of Prometheus's own UI: CodeMirror 6 with codemirror-promql (highlighting,
// linting, completion of functions, metric names, label names and values). Completion asks the
// ConsoleApi (lib/console-promql-client.ts), never Prometheus. Enter runs the query (or takes the
// highlighted completion while the list is open); Shift+Enter adds a line.
import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  completionStatus,
} from '@codemirror/autocomplete';
import {
  defaultKeymap,
  history,
  historyKeymap,
  insertNewlineAndIndent,
} from '@codemirror/commands';
import { HighlightStyle, bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { lintKeymap } from '@codemirror/lint';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, highlightSpecialChars, keymap, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { PromQLExtension } from '@prometheus-io/codemirror-promql';
import { useEffect, useRef } from 'react';
import type { ConsoleApi } from '../../../shared/api';
import { consolePromqlClient } from '../lib/console-promql-client';

interface Props {
  api: ConsoleApi;
  value: string;
  onChange: (query: string) => void;
  onRun: (query: string) => void;
}

const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: '#c792ea' },
  { tag: tags.function(tags.variableName), color: '#82aaff' },
  { tag: tags.labelName, color: '#f78c6c' },
  { tag: tags.string, color: '#c3e88d' },
  { tag: tags.number, color: '#f78c6c' },
  { tag: tags.operator, color: '#89ddff' },
  { tag: tags.comment, color: 'var(--faint)', fontStyle: 'italic' },
  { tag: tags.invalid, color: 'var(--error)' },
]);

const theme = EditorView.theme(
  {
    '&': { background: 'var(--bg-inset)', color: 'var(--text)', fontSize: '13px' },
    '&.cm-focused': { outline: 'var(--focus-ring)' },
    '.cm-content': { fontFamily: 'var(--mono)', padding: '7px 0', caretColor: 'var(--text)' },
    '.cm-line': { padding: '0 10px' },
    '.cm-placeholder': { color: 'var(--faint)' },
    '.cm-tooltip': { background: 'var(--bg-raised)', border: '1px solid var(--border-strong)' },
    '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
      background: 'var(--bg-hover)',
      color: 'var(--text-strong)',
    },
    '.cm-completionDetail': { color: 'var(--muted)', marginLeft: '8px' },
    '.cm-matchingBracket': { background: 'var(--bg-hover)', outline: '1px solid var(--faint)' },
  },
  { dark: true },
);

export function PromqlEditor({ api, value, onChange, onRun }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const handlers = useRef({ onChange, onRun });
  useEffect(() => {
    handlers.current = { onChange, onRun };
  }, [onChange, onRun]);

  // One editor for the page's life; a new value from outside (history, URL) is dispatched in.
  const initial = useRef(value);
  useEffect(() => {
    if (!host.current) return;
    const promql = new PromQLExtension().setComplete({ remote: consolePromqlClient(api) });
    const run = (v: EditorView): boolean => {
      if (completionStatus(v.state) === 'active') return false;
      handlers.current.onRun(v.state.doc.toString());
      return true;
    };
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial.current,
        extensions: [
          Prec.highest(
            keymap.of([
              { key: 'Enter', run },
              { key: 'Shift-Enter', run: insertNewlineAndIndent },
            ]),
          ),
          highlightSpecialChars(),
          history(),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          EditorView.lineWrapping,
          placeholder('Enter a PromQL expression (Shift+Enter for a new line)'),
          syntaxHighlighting(highlight),
          promql.asExtension(),
          theme,
          keymap.of([
            ...closeBracketsKeymap,
            ...defaultKeymap,
            ...historyKeymap,
            ...completionKeymap,
            ...lintKeymap,
          ]),
          EditorView.contentAttributes.of({ 'aria-label': 'PromQL expression' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) handlers.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    editor.focus();
    return () => {
      editor.destroy();
      promql.destroy();
      view.current = null;
    };
  }, [api]);

  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.state.doc.toString() === value) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return <div ref={host} className="promql-editor" data-testid="explore-editor" />;
}
