// Dated parameters: the value valid on a date, never a silent default.
import type { Parameter } from './schema.ts';

export interface ParamValue {
  id: string;
  value: number;
  validFrom: string;
  cite: string;
  url?: string;
  verified: boolean;
  unit: Parameter['unit'];
}

export class UnknownParameterError extends Error {}
export class NoValueOnDateError extends Error {}

export class Parameters {
  constructor(private readonly params: Record<string, Parameter>) {}

  has(id: string): boolean {
    return Object.hasOwn(this.params, id);
  }

  ids(): string[] {
    return Object.keys(this.params);
  }

  get(id: string): Parameter {
    // has(), not a truthy check: "constructor" or "toString" would otherwise find Object.prototype.
    if (!this.has(id)) throw new UnknownParameterError(`parameter '${id}' does not exist`);
    return this.params[id];
  }

  /** The value valid on `date` (YYYY-MM-DD): the latest one whose valid-from date is on or before it. */
  valueOn(id: string, date: string): ParamValue {
    const p = this.get(id);
    const from = Object.keys(p.values)
      .filter((d) => d <= date)
      .sort()
      .at(-1);
    if (from === undefined) {
      const first = Object.keys(p.values).sort()[0];
      throw new NoValueOnDateError(`parameter '${id}' has no value on ${date}; its first value is valid from ${first}`);
    }
    const v = p.values[from];
    return { id, value: v.value, validFrom: from, cite: v.source.cite, url: v.source.url, verified: v.verified !== false, unit: p.unit };
  }

  /** Every dated change, oldest first: the basis of "what changed". */
  history(): { id: string; parameter: Parameter; changes: ParamValue[] }[] {
    return Object.entries(this.params).map(([id, parameter]) => ({
      id,
      parameter,
      changes: Object.keys(parameter.values)
        .sort()
        .map((d) => this.valueOn(id, d)),
    }));
  }
}
