/**
 * The few browser globals the tests read inside `page.evaluate`, typed here because the root
 * type check has no DOM library (adding it would type every Node file as if it had a DOM).
 * Use as `(globalThis as unknown as BrowserGlobals).document`: the cast is erased, so the
 * function still runs as written in the page.
 */
export interface BrowserGlobals {
  document: {
    activeElement: { id: string; textContent: string | null } | null;
    documentElement: { scrollWidth: number };
  };
  sessionStorage: { getItem(key: string): string | null; length: number };
  getComputedStyle(element: unknown): {
    outlineStyle: string;
    outlineWidth: string;
    textDecorationLine: string;
  };
}
