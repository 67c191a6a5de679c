/**
 * Whether this process builds more than once. What a build keeps for the
 * next one in the same process (deflated streams, src/backends/pdf/stream-cache.ts)
 * only costs memory in a process that builds once and exits: the CLI's
 * `build` says so (`buildsOnce`); `watch`, the tests and the library's own
 * callers keep the default, a long-lived process.
 */
let once = false;

/** Called by a process that builds its documents once and exits. */
export function buildsOnce(): void {
  once = true;
}

export const longLived = (): boolean => !once;
