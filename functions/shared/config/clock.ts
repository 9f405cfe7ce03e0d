/**
 * The functions' clock. Production reads the system time; tests replace it (`useClock`) to move through
 * rate-limit windows or token expiry without sleeping.
 */
let current: () => number = () => Date.now();

export const clock = {
  now: (): number => current(),
};

/** Test seam: replace the clock; returns a function that restores the previous one. */
export function useClock(now: () => number): () => void {
  const previous = current;
  current = now;
  return () => {
    current = previous;
  };
}
