// Grafana-style variable interpolation for the Prometheus datasource, so a panel in the app runs
// the exact query Grafana would run. Rules (Grafana's prometheus datasource, interpolateQueryExpr):
// - a variable that is multi-value or has "All" is regex-escaped (inside a PromQL string, so the
//   backslash is doubled), several values become (a|b), All becomes the variable's allValue;
// - a plain single-value variable is substituted as it is.
import { ALL, VARIABLES, type DashboardVariable, type VariableValues } from './dashboard';

const REGEX_SPECIAL = /[\\^$*+?.()|{}[\]]/g;

/** Escapes a value for a regex matcher inside a double-quoted PromQL string. */
export function escapePromRegex(value: string): string {
  return value.replace(REGEX_SPECIAL, (c) => '\\\\' + c);
}

export function formatVariableValue(variable: DashboardVariable, values: readonly string[]): string {
  const isRegexVar = variable.multi || variable.includeAll;
  if (values.length === 0 || values.includes(ALL)) {
    if (variable.kind === 'query') return variable.allValue;
    return values.length === 0 ? variable.default : variable.options.join('|');
  }
  if (!isRegexVar) return values[0] ?? '';
  const escaped = values.map(escapePromRegex);
  return escaped.length === 1 ? (escaped[0] ?? '') : `(${escaped.join('|')})`;
}

/** Replaces $name and ${name} for every dashboard variable; unknown $words are left alone. */
export function interpolateQuery(expr: string, values: VariableValues): string {
  const byName = new Map(VARIABLES.map((v) => [v.name as string, v]));
  return expr.replace(/\$\{(\w+)\}|\$(\w+)/g, (match, braced: string | undefined, bare: string | undefined) => {
    const name = braced ?? bare ?? '';
    const variable = byName.get(name);
    if (!variable) return match;
    return formatVariableValue(variable, values[variable.name] ?? []);
  });
}
