/**
 * Demo tasks for `npm run seed`: realistic, varied (statuses, priorities, due dates, tags) and
 * deterministic — task `index` of a user is always the same body, so its idempotency key can be replayed
 * on a second run without a "key reused with a different request" 422. Titles are unique per index
 * (three word lists of pairwise coprime lengths, read at index modulo each length), which is how a later
 * run recognises tasks already there.
 */
import type { TaskCreate } from '../../client/src/index.ts';

/** Every demo task carries this tag, so a run can find the ones made before. */
export const DEMO_TAG = 'demo';

const VERBS = ['Draft', 'Review', 'Update', 'Plan', 'Fix', 'Test', 'Write up', 'Clean up', 'Prepare'];
const THINGS = [
  'the release notes',
  'the onboarding checklist',
  'the quarterly budget',
  'the login flow',
  'the API reference',
  'the incident report',
  'the hiring plan',
  'the backup restore drill',
  'the roadmap',
  'the test fixtures',
  'the customer survey',
];
const AREAS = [
  'the mobile app',
  'the web dashboard',
  'billing',
  'search',
  'the data pipeline',
  'the design system',
  'support',
  'the marketing site',
  'payments',
  'notifications',
  'the admin console',
  'reporting',
  'the partner API',
];
/** Distinct titles before they would repeat: 9 × 11 × 13. */
export const MAX_DEMO_TASKS = VERBS.length * THINGS.length * AREAS.length;

const DESCRIPTIONS = [
  'Share a first version with the team before the weekly sync.',
  'Check the numbers with finance first.',
  'Blocked until the design review is done.',
  'Keep it short: one page at most.',
  'Pair with someone from support on this one.',
  'Follow up on the comments from last time.',
];
const TAGS = [
  'work',
  'home',
  'urgent',
  'backend',
  'frontend',
  'ops',
  'finance',
  'hiring',
  'docs',
  'research',
];

/** A small deterministic PRNG (mulberry32): the same index always draws the same values. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks by weight: `[['a', 3], ['b', 1]]` gives `a` three times as often. */
function weighted<T>(draw: number, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let threshold = draw * total;
  for (const [value, weight] of choices) {
    threshold -= weight;
    if (threshold < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The title of demo task `index` (0-based), unique for index < MAX_DEMO_TASKS. */
export function demoTitle(index: number): string {
  const verb = VERBS[index % VERBS.length]!;
  const thing = THINGS[index % THINGS.length]!;
  const area = AREAS[index % AREAS.length]!;
  return `${verb} ${thing} for ${area}`;
}

/**
 * Demo task `index`, due dates spread around `anchorDate` (YYYY-MM-DD): some overdue, most in the coming
 * six weeks, a quarter with none.
 */
export function demoTask(index: number, anchorDate: string): TaskCreate {
  const draw = random(index + 1);
  const status = weighted(draw(), [
    ['pending', 45],
    ['in_progress', 25],
    ['completed', 30],
  ] as const);
  const priority = weighted(draw(), [
    ['low', 25],
    ['medium', 50],
    ['high', 25],
  ] as const);
  const hasDueDate = draw() >= 0.25;
  const dueOffset = Math.floor(draw() * 60) - 14;
  const description = draw() < 0.3 ? null : DESCRIPTIONS[Math.floor(draw() * DESCRIPTIONS.length)]!;
  const tagCount = Math.floor(draw() * 4);
  const tags = new Set<string>();
  for (let n = 0; n < tagCount; n++) tags.add(TAGS[Math.floor(draw() * TAGS.length)]!);
  return {
    title: demoTitle(index),
    description,
    status,
    priority,
    due_date: hasDueDate ? addDays(anchorDate, dueOffset) : null,
    tags: [...tags, DEMO_TAG],
  };
}
