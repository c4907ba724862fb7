/** Collects the app's pino lines, so a test can read exactly what would have been logged. */
export interface CapturedLogs {
  destination: { write(line: string): void };
  lines: string[];
  entries(): Array<Record<string, unknown>>;
  text(): string;
}

export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  return {
    destination: { write: (line: string) => void lines.push(line) },
    lines,
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join(''),
  };
}
