// Start / Stop Stack as the tray and the app menu both show them: enabled from the core's stack
// status (its canStart gate and whether Prometheus runs, so every Start control agrees with the
// Overview), and a failure shown to the user in a dialog instead of being swallowed. No electron
// value is imported here, so the rules are testable without the Electron binary.
import type { MenuItemConstructorOptions } from 'electron';
import type { StackStatus } from '../shared/api';
import { prometheusRunning } from './services/stack/runtime';

export interface StackControlDeps {
  startStack(): Promise<unknown>;
  stopStack(): Promise<unknown>;
  /** dialog.showErrorBox in the app. */
  showError(title: string, content: string): void;
}

export function stackRunning(stack: StackStatus | null): boolean {
  return !!stack && prometheusRunning(stack.services);
}

export function stackControlItems(
  stack: StackStatus | null,
  deps: StackControlDeps,
): MenuItemConstructorOptions[] {
  const running = stackRunning(stack);
  const report =
    (title: string) =>
    (err: unknown): void => {
      const fix = (err as { fix?: unknown }).fix;
      const text = (err as Error).message || String(err);
      deps.showError(title, typeof fix === 'string' && fix ? `${text}\n\n${fix}` : text);
    };
  return [
    {
      label: 'Start Stack',
      enabled: !stack?.busy && !running && (stack?.canStart.ok ?? false),
      click: () => void deps.startStack().catch(report('Could not start the stack')),
    },
    {
      label: 'Stop Stack',
      enabled: !stack?.busy && running,
      click: () => void deps.stopStack().catch(report('Could not stop the stack')),
    },
  ];
}
