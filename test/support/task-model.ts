/**
 * An in-memory model of docs/API.md's listing rules, written from the contract (not from the production
 * code): which tasks a filter selects and in which order a sort puts them. Tests compare real pages to it.
 */
export interface ModelTask {
  id: string;
  title: string;
  description: string | null;
  status: string;
  priority?: string;
  due_date?: string | null;
  tags?: string[];
  created_at: string;
  updated_at: string;
}

export interface ModelQuery {
  status?: string;
  priority?: string;
  tag?: string;
  due_before?: string;
  due_after?: string;
  q?: string;
  sort_by?: 'created_at' | 'updated_at' | 'title' | 'due_date' | 'priority';
  sort_order?: 'asc' | 'desc';
}

const RANK: Record<string, number> = { low: 1, medium: 2, high: 3 };
const codePointCompare = (a: string, b: string) =>
  Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export function modelMatches(task: ModelTask, query: ModelQuery): boolean {
  if (query.status && task.status !== query.status) return false;
  if (query.priority && task.priority !== query.priority) return false;
  if (query.tag && !(task.tags ?? []).includes(query.tag)) return false;
  if (query.due_before && !(task.due_date && task.due_date <= query.due_before)) return false;
  if (query.due_after && !(task.due_date && task.due_date >= query.due_after)) return false;
  if (query.q) {
    const needle = query.q.toLowerCase();
    const inTitle = task.title.toLowerCase().includes(needle);
    const inDescription = (task.description ?? '').toLowerCase().includes(needle);
    if (!inTitle && !inDescription) return false;
  }
  return true;
}

function compareField(a: ModelTask, b: ModelTask, field: NonNullable<ModelQuery['sort_by']>): number {
  switch (field) {
    case 'created_at':
      return codePointCompare(a.created_at, b.created_at);
    case 'updated_at':
      return codePointCompare(a.updated_at, b.updated_at);
    case 'title':
      return codePointCompare(a.title.toLowerCase(), b.title.toLowerCase());
    case 'priority':
      return (RANK[a.priority ?? 'medium'] ?? 0) - (RANK[b.priority ?? 'medium'] ?? 0);
    case 'due_date': {
      // No due date sorts after every date ascending (so before them descending).
      if (!a.due_date || !b.due_date) return (a.due_date ? 0 : 1) - (b.due_date ? 0 : 1);
      return codePointCompare(a.due_date, b.due_date);
    }
  }
}

/** The contract's total order: the sort field, then id, both in the requested direction. */
export function modelList(tasks: ModelTask[], query: ModelQuery): ModelTask[] {
  const field = query.sort_by ?? 'created_at';
  const direction = (query.sort_order ?? 'desc') === 'asc' ? 1 : -1;
  return tasks
    .filter((task) => modelMatches(task, query))
    .sort((a, b) => direction * (compareField(a, b, field) || codePointCompare(a.id, b.id)));
}
