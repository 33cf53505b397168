// What the variable picker (components/MultiSelect.tsx) shows and what a tick makes of the chosen
// values. Pure, so "All", the kept stale value and the last untick are tested without a page.
import { ALL } from '../../../shared/dashboard';

/** True when the chosen values mean every value (nothing chosen, or the ALL marker). */
export function isAllChosen(value: readonly string[]): boolean {
  return value.length === 0 || value.includes(ALL);
}

/** The button's text: "All", up to two values, or two and how many more. */
export function summary(value: readonly string[]): string {
  if (isAllChosen(value)) return 'All';
  if (value.length <= 2) return value.join(', ');
  return `${value.slice(0, 2).join(', ')} +${value.length - 2}`;
}

/** Every option to list: a chosen value that Prometheus no longer reports stays, so it can be unticked. */
export function allChoices(options: readonly string[], value: readonly string[]): string[] {
  return [...new Set([...options, ...(isAllChosen(value) ? [] : value)])];
}

/** The options matching the filter box, ignoring case (all of them while it is empty). */
export function filterChoices(choices: string[], filter: string): string[] {
  return filter ? choices.filter((o) => o.toLowerCase().includes(filter.toLowerCase())) : choices;
}

/** The chosen values after ticking or unticking `option`: from "All" to just it, back to All when empty. */
export function toggleChoice(value: readonly string[], option: string): string[] {
  if (isAllChosen(value)) return [option];
  const next = value.includes(option) ? value.filter((v) => v !== option) : [...value, option];
  return next.length ? next : [ALL];
}
