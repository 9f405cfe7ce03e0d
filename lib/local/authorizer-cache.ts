/**
 * API Gateway's authorizer result cache: one entry per identity-source value (the Authorization header),
 * kept `ttlSeconds`. Only results the authorizer returned are cached, never its errors. The clock is
 * injected, so tests can cross the TTL without waiting.
 */
export class AuthorizerCache<Value> {
  private readonly entries = new Map<string, { value: Value; expiresAt: number }>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  get(token: string): Value | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() < entry.expiresAt) return entry.value;
    this.entries.delete(token);
    return undefined;
  }

  set(token: string, value: Value): void {
    if (this.ttlSeconds <= 0) return;
    const now = this.now();
    // Expired entries go when the cache grows, so a long-running server does not keep every token ever seen.
    if (this.entries.size >= 10_000)
      for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    this.entries.set(token, { value, expiresAt: now + this.ttlSeconds * 1000 });
  }
}
