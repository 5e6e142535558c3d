/**
 * Results remembered for the length of one extraction. The rules read the same turn many
 * times over (each event and each field asks again), and rewriting a turn's spoken numbers
 * and day words is among the costliest steps: within one call it is done once per text.
 * Nothing is kept from one call to the next (`forgetRemembered` runs after each).
 */
const memories: Map<string, string>[] = [];

/** `fn`, a pure function of one string, remembering its results until `forgetRemembered`. */
export function remembered(fn: (text: string) => string): (text: string) => string {
  const results = new Map<string, string>();
  memories.push(results);
  return (text) => {
    let result = results.get(text);
    if (result === undefined) {
      // Called outside an extraction (a test, a script), it still never holds much.
      if (results.size >= 1000) results.clear();
      result = fn(text);
      results.set(text, result);
    }
    return result;
  };
}

export function forgetRemembered(): void {
  for (const results of memories) results.clear();
}

/** Runs `fn` (one extraction), then forgets what it remembered. */
export function rememberingDuring<T>(fn: () => T): T {
  try {
    return fn();
  } finally {
    forgetRemembered();
  }
}
