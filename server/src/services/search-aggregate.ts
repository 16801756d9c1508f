import { SmhError } from '../errors/smh-error.js';
import { fileTypeOf } from '../lib/mime.js';
import type { Entry } from '../stores/meta/meta-store.js';

/**
 * S5 aggregations (dirs.md §8 S5) computed over the entries a search matches, streamed page by
 * page: memory holds the groups and distinct sets, never the entries. Groups are capped at
 * MAX_GROUPS (SMH's 2000) and distinct sets at MAX_DISTINCT; past either, `isTruncated`.
 */
export const AGG_FIELDS = ['extName', 'category', 'size', 'contentType', 'userId', 'name', 'fileType'] as const;
export const AGG_OPERATIONS = ['group', 'count', 'distinct', 'sum', 'min', 'max', 'average'] as const;
export type AggField = (typeof AGG_FIELDS)[number];
export type AggOperation = (typeof AGG_OPERATIONS)[number];

export interface Aggregation {
  field: AggField;
  operation: AggOperation;
  subAggregations?: Aggregation[];
}

const GROUPABLE: readonly AggField[] = ['extName', 'category', 'contentType', 'userId', 'fileType'];
const NUMERIC_OPS: readonly AggOperation[] = ['sum', 'min', 'max', 'average'];
const MAX_GROUPS = 2000;
const MAX_DISTINCT = 100_000;

function invalid(message: string): SmhError {
  return new SmhError('ParamInvalid', message);
}

function parseOne(raw: unknown, nested: boolean): Aggregation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid('Each aggregation must be an object {field, operation}.');
  }
  const { field, operation, subAggregations } = raw as Record<string, unknown>;
  if (!(AGG_FIELDS as readonly unknown[]).includes(field)) {
    throw invalid(`aggregation field must be one of ${AGG_FIELDS.join(', ')}.`);
  }
  if (!(AGG_OPERATIONS as readonly unknown[]).includes(operation)) {
    throw invalid(`aggregation operation must be one of ${AGG_OPERATIONS.join(', ')}.`);
  }
  const agg: Aggregation = { field: field as AggField, operation: operation as AggOperation };
  if (NUMERIC_OPS.includes(agg.operation) && agg.field !== 'size') {
    throw invalid(`${agg.operation} needs a numeric field (size), not ${agg.field}.`);
  }
  if (agg.operation === 'group' && (nested || !GROUPABLE.includes(agg.field))) {
    throw invalid(nested ? 'subAggregations cannot group.' : `group works on ${GROUPABLE.join(', ')} only.`);
  }
  if (subAggregations !== undefined && subAggregations !== null) {
    if (agg.operation !== 'group') {
      throw invalid('subAggregations are allowed under group only.');
    }
    if (!Array.isArray(subAggregations) || subAggregations.length > 3) {
      throw invalid('subAggregations takes at most 3 items.');
    }
    agg.subAggregations = subAggregations.map((sub) => parseOne(sub, true));
  }
  return agg;
}

export function parseAggregations(value: unknown): Aggregation[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 5) {
    throw invalid('aggregations is required: 1 to 5 items.');
  }
  return value.map((raw) => parseOne(raw, false));
}

function extName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

function valueOf(entry: Entry, field: AggField): string | number {
  switch (field) {
    case 'extName':
      return entry.type === 'dir' ? '' : extName(entry.name);
    case 'size':
      return entry.size;
    case 'fileType':
      return entry.type === 'dir' ? 'dir' : fileTypeOf(entry.name, entry.contentType);
    case 'contentType':
      return entry.contentType;
    case 'category':
    case 'name':
    case 'userId':
      return entry[field];
  }
}

/** One metric (not group): running state and its final value. */
class Metric {
  private count = 0;
  private sum = 0;
  private min: number | null = null;
  private max: number | null = null;
  private readonly distinct = new Set<string | number>();
  truncated = false;
  constructor(readonly agg: Aggregation) {}

  add(entry: Entry): void {
    const value = valueOf(entry, this.agg.field);
    this.count += 1;
    if (this.agg.operation === 'distinct') {
      if (this.distinct.size < MAX_DISTINCT) {
        this.distinct.add(value);
      } else if (!this.distinct.has(value)) {
        this.truncated = true;
      }
    }
    if (typeof value === 'number') {
      this.sum += value;
      this.min = this.min === null ? value : Math.min(this.min, value);
      this.max = this.max === null ? value : Math.max(this.max, value);
    }
  }

  result(): { field: string; operation: string; value: number } {
    const values: Record<string, number> = {
      count: this.count,
      distinct: this.distinct.size,
      sum: this.sum,
      min: this.min ?? 0,
      max: this.max ?? 0,
      average: this.count === 0 ? 0 : this.sum / this.count,
    };
    return { field: this.agg.field, operation: this.agg.operation, value: values[this.agg.operation] ?? 0 };
  }
}

class Grouping {
  private readonly groups = new Map<string, { count: number; subs: Metric[] }>();
  truncated = false;
  constructor(readonly agg: Aggregation) {}

  add(entry: Entry): void {
    const key = String(valueOf(entry, this.agg.field));
    let group = this.groups.get(key);
    if (!group) {
      if (this.groups.size >= MAX_GROUPS) {
        this.truncated = true;
        return;
      }
      group = { count: 0, subs: (this.agg.subAggregations ?? []).map((sub) => new Metric(sub)) };
      this.groups.set(key, group);
    }
    group.count += 1;
    group.subs.forEach((sub) => sub.add(entry));
  }

  result(): Record<string, unknown> {
    const groups = [...this.groups.entries()]
      .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0))
      .map(([value, group]) => ({
        value,
        count: group.count,
        ...(group.subs.length > 0 ? { subAggregations: group.subs.map((sub) => sub.result()) } : {}),
      }));
    return { field: this.agg.field, operation: this.agg.operation, groups };
  }

  get anyTruncated(): boolean {
    return this.truncated || [...this.groups.values()].some((group) => group.subs.some((sub) => sub.truncated));
  }
}

/** Feeds entries in, reads the S5 answer out. */
export class Aggregator {
  private readonly parts: (Metric | Grouping)[];
  constructor(aggregations: readonly Aggregation[]) {
    this.parts = aggregations.map((agg) => (agg.operation === 'group' ? new Grouping(agg) : new Metric(agg)));
  }

  add(entry: Entry): void {
    this.parts.forEach((part) => part.add(entry));
  }

  result(): { isTruncated: boolean; aggregations: unknown[] } {
    const isTruncated = this.parts.some((part) => (part instanceof Grouping ? part.anyTruncated : part.truncated));
    return { isTruncated, aggregations: this.parts.map((part) => part.result()) };
  }
}
