/** Auto-pagination: an async iterable over every item of every page, fetched as it is consumed. */
export class Paginator<T> implements AsyncIterable<T> {
  constructor(private readonly pages: () => AsyncGenerator<readonly T[]>) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page;
  }

  /** Collects the items into an array, stopping after `max` (default: all of them). */
  async toArray(max = Number.POSITIVE_INFINITY): Promise<T[]> {
    const items: T[] = [];
    if (max <= 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= max) break;
    }
    return items;
  }
}
