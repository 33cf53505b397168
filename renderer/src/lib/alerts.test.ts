import { describe, expect, it } from 'vitest';
import { formatAlertValue } from './alerts';

describe('the value that tripped an alert, on the Alerts page', () => {
  it("reads as a number in the rule's unit, not Prometheus's exponent notation", () => {
    expect(formatAlertValue('0e+00', 'bool')).toBe('0');
    expect(formatAlertValue('0.0731', 'ratio')).toBe('7.3 %');
    expect(formatAlertValue('1.25', 'seconds')).toBe('1.3 s');
  });

  it('keeps +Inf and NaN, and shows a dash when there is no value', () => {
    expect(formatAlertValue('+Inf', 'seconds')).toBe('+Inf');
    expect(formatAlertValue('NaN', 'ratio')).toBe('NaN');
    expect(formatAlertValue('', 'bool')).toBe('—');
  });
});
