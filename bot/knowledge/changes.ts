// "What changed": every dated change of an amount, generated from parameters.yaml.
import type { ParamValue, Parameters } from './parameters.ts';

export interface Change {
  date: string;
  id: string;
  value: ParamValue;
  /** The value before this date; the same number with a new source is a change of legal basis. */
  previous: ParamValue;
}

/** Changes newest first. The first value of a parameter is its start, not a change. */
export function changes(params: Parameters): Change[] {
  const out: Change[] = [];
  for (const { id, changes: values } of params.history())
    for (let i = 1; i < values.length; i++) {
      const [previous, value] = [values[i - 1], values[i]];
      // A new number is a change; the same number under a new law is one too. The same number
      // marked "not confirmed" for a new year tells nothing yet, so it is left out.
      if (previous.value !== value.value || (previous.cite !== value.cite && value.verified))
        out.push({ date: value.validFrom, id, value, previous });
    }
  return out.sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
}
