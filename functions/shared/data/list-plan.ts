import type { TaskFilter, TaskSort } from '../domain/list-query-schemas';
import {
  indexValuePrefix,
  PRIORITY_RANK,
  taskIndexes,
  taskKeys,
  type IndexKeyAttribute,
  type IndexName,
} from './entities/task-entity';
import { userPartition } from './entities/user-entity';

/**
 * How a list query reads DynamoDB: which index serves the sort order, which filters become key
 * conditions (exact, cheap) and which are left to a FilterExpression (evaluated after `Limit`).
 * Every sort order is an index; nothing is sorted in memory.
 */
export interface ListPlan {
  indexName?: IndexName;
  /** The key attributes of an item in this index: what a cursor (ExclusiveStartKey) holds besides pk. */
  keyAttributes: readonly ('sk' | IndexKeyAttribute)[];
  keyCondition: string;
  filterExpression?: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
  scanIndexForward: boolean;
}

const INDEX_FOR_SORT = {
  updated_at: 'by_updated_at',
  title: 'by_title',
  due_date: 'by_due_date',
  priority: 'by_priority',
} as const satisfies Record<Exclude<TaskSort['field'], 'created_at'>, IndexName>;

/** Upper bound of every dated `lsi_due_date` value (undated tasks sort above it). */
const LAST_DAY_KEY = '9999-12-31\u0002';

export function planListQuery(userId: string, filter: TaskFilter, sort: TaskSort): ListPlan {
  const names: Record<string, string> = { '#pk': 'pk' };
  const values: Record<string, unknown> = { ':pk': userPartition(userId) };
  const filters: string[] = [];
  let keyCondition = '#pk = :pk';
  let indexName: IndexName | undefined;
  let keyedStatus = false;
  let keyedPriority = false;

  const rangeOn = (attribute: string, condition: string) => {
    names['#range'] = attribute;
    keyCondition += ` AND ${condition}`;
  };

  if (sort.field === 'created_at') {
    // Task ids are time-ordered, so creation order is id order: the status or priority index (value + id)
    // serves "created_at within one status/priority" as a key range, with no filter at all.
    if (filter.status) {
      indexName = 'by_status';
      rangeOn(taskIndexes.by_status, 'begins_with(#range, :range)');
      values[':range'] = indexValuePrefix(filter.status);
      keyedStatus = true;
    } else if (filter.priority) {
      indexName = 'by_priority';
      rangeOn(taskIndexes.by_priority, 'begins_with(#range, :range)');
      values[':range'] = indexValuePrefix(PRIORITY_RANK[filter.priority]);
      keyedPriority = true;
    } else {
      rangeOn('sk', 'begins_with(#range, :range)');
      values[':range'] = taskKeys.taskPrefix;
    }
  } else {
    indexName = INDEX_FOR_SORT[sort.field];
    if (sort.field === 'priority' && filter.priority) {
      rangeOn(taskIndexes.by_priority, 'begins_with(#range, :range)');
      values[':range'] = indexValuePrefix(PRIORITY_RANK[filter.priority]);
      keyedPriority = true;
    }
    if (sort.field === 'due_date' && (filter.due_after || filter.due_before)) {
      rangeOn(taskIndexes.by_due_date, '#range BETWEEN :from AND :to');
      values[':from'] = filter.due_after ?? '0000-01-01';
      values[':to'] = filter.due_before ? `${filter.due_before}\u0002` : LAST_DAY_KEY;
    }
  }

  /** `#name <op> :value` (or `contains(...)`) on a stored attribute, ANDed into the FilterExpression. */
  const where = (
    attribute: string,
    condition: (name: string, value: string) => string,
    placeholder: string,
    value: unknown,
  ) => {
    names[`#${attribute}`] = attribute;
    values[`:${placeholder}`] = value;
    filters.push(condition(`#${attribute}`, `:${placeholder}`));
  };
  const equals = (name: string, value: string) => `${name} = ${value}`;

  if (filter.status && !keyedStatus) where('status', equals, 'status', filter.status);
  if (filter.priority && !keyedPriority) where('priority', equals, 'priority', filter.priority);
  if (filter.tag) where('tags', (name, value) => `contains(${name}, ${value})`, 'tag', filter.tag);
  // On the due-date index the range above already applies these; elsewhere they filter.
  if (sort.field !== 'due_date') {
    if (filter.due_after)
      where('due_date', (name, value) => `${name} >= ${value}`, 'dueAfter', filter.due_after);
    if (filter.due_before)
      where('due_date', (name, value) => `${name} <= ${value}`, 'dueBefore', filter.due_before);
  }
  if (filter.q) {
    names['#searchTitle'] = 'search_title';
    names['#searchDescription'] = 'search_description';
    values[':q'] = filter.q;
    filters.push('(contains(#searchTitle, :q) OR contains(#searchDescription, :q))');
  }

  return {
    ...(indexName ? { indexName } : {}),
    keyAttributes: indexName ? ['sk', taskIndexes[indexName]] : ['sk'],
    keyCondition,
    ...(filters.length > 0 ? { filterExpression: filters.join(' AND ') } : {}),
    names,
    values,
    scanIndexForward: sort.order === 'asc',
  };
}
