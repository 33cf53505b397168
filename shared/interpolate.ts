// Grafana-style variable interpolation for the Prometheus datasource, so a panel in the app runs
// the exact query Grafana would run. Rules (Grafana's prometheus datasource, interpolateQueryExpr):
// - a variable that is multi-value or has "All" is regex-escaped (inside a PromQL string, so the
//   backslash is doubled), several values become (a|b), All becomes the variable's allValue;
// - a plain single-value variable is substituted as it is, with only its backslashes doubled so
//   that a value like `5\d\d` still reaches Prometheus as the regex it was meant to be.
// One deliberate difference: a double quote is escaped as \" so that a label value containing one
// cannot end the PromQL string early (Grafana would send a broken query).
import { ALL, VARIABLES, type DashboardVariable, type VariableValues } from './dashboard';

const REGEX_SPECIAL = /[\^$*+?.()|{}[\]']/g;

/** Escapes a literal value for a regex matcher inside a double-quoted PromQL string. */
export function escapePromRegex(value: string): string {
  return (
    value
      // A literal backslash is \\ in the regex and each of those is doubled in the string.
      .replace(/\\/g, '\\\\\\\\')
      .replace(REGEX_SPECIAL, (c) => '\\\\' + c)
      .replace(/"/g, '\\"')
  );
}

/** Escapes a value substituted as is into a double-quoted PromQL string. */
export function escapePromString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

export function formatVariableValue(
  variable: DashboardVariable,
  values: readonly string[],
): string {
  // A constant (the job) is one exact value, matched with =.
  if (variable.kind === 'constant') return escapePromString(values[0] || variable.default);
  const isRegexVar = variable.multi || variable.includeAll;
  let chosen: readonly string[] = values;
  if (values.length === 0 || values.includes(ALL)) {
    if (variable.kind === 'query') return variable.allValue;
    // A custom variable's All means every option; one without All falls back to its default.
    chosen = variable.includeAll && values.length > 0 ? variable.options : [variable.default];
  }
  if (!isRegexVar) return escapePromString(chosen[0] ?? '');
  const escaped = chosen.map(escapePromRegex);
  return escaped.length === 1 ? (escaped[0] ?? '') : `(${escaped.join('|')})`;
}

/** Replaces $name and ${name} for every dashboard variable; unknown $words are left alone. */
export function interpolateQuery(expr: string, values: VariableValues): string {
  const byName = new Map(VARIABLES.map((v) => [v.name as string, v]));
  return expr.replace(
    /\$\{(\w+)\}|\$(\w+)/g,
    (match, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const variable = byName.get(name);
      if (!variable) return match;
      return formatVariableValue(variable, values[variable.name] ?? []);
    },
  );
}
