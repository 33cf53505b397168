import { describe, expect, it } from 'vitest';
import { ALL } from '../../../shared/dashboard';
import { allChoices, filterChoices, isAllChosen, summary, toggleChoice } from './multi-select';

describe('the variable picker (MultiSelect)', () => {
  it('reads nothing chosen, or the ALL marker, as All', () => {
    expect(isAllChosen([])).toBe(true);
    expect(isAllChosen([ALL])).toBe(true);
    expect(isAllChosen(['GET'])).toBe(false);
  });

  it('shows All, up to two values, or two and how many more on its button', () => {
    expect(summary([])).toBe('All');
    expect(summary([ALL])).toBe('All');
    expect(summary(['GET', 'POST'])).toBe('GET, POST');
    expect(summary(['GET', 'POST', 'PUT', 'DELETE'])).toBe('GET, POST +2');
  });

  it('keeps listing a chosen value Prometheus no longer reports, once', () => {
    expect(allChoices(['GET', 'POST'], ['PUT', 'GET'])).toEqual(['GET', 'POST', 'PUT']);
    expect(allChoices(['GET'], [ALL])).toEqual(['GET']);
  });

  it('filters the options ignoring case, and lists all of them while the filter is empty', () => {
    expect(filterChoices(['GET', 'POST', 'get_x'], 'get')).toEqual(['GET', 'get_x']);
    expect(filterChoices(['GET', 'POST'], '')).toEqual(['GET', 'POST']);
  });

  it('goes from All to the ticked value, adds and removes, and back to All when the last is unticked', () => {
    expect(toggleChoice([ALL], 'GET')).toEqual(['GET']);
    expect(toggleChoice(['GET'], 'POST')).toEqual(['GET', 'POST']);
    expect(toggleChoice(['GET', 'POST'], 'GET')).toEqual(['POST']);
    expect(toggleChoice(['GET'], 'GET')).toEqual([ALL]);
  });
});
