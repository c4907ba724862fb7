/**
 * Collects expression attribute placeholders so update and condition expressions built in
 * several steps never collide and never send an unused or empty placeholder map.
 */
export class ExpressionAttributes {
  private readonly nameIndex = new Map<string, string>();
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, unknown> = {};
  private valueCount = 0;

  /** `#nX` for an attribute name, or `#nX.#nY` for a nested path. */
  name(...path: string[]): string {
    return path.map((segment) => this.nameOf(segment)).join('.');
  }

  value(value: unknown): string {
    const placeholder = `:v${this.valueCount++}`;
    this.values[placeholder] = value;
    return placeholder;
  }

  /** Spread into a command input. */
  toInput(): {
    ExpressionAttributeNames?: Record<string, string>;
    ExpressionAttributeValues?: Record<string, unknown>;
  } {
    return {
      ...(this.nameIndex.size > 0 ? { ExpressionAttributeNames: { ...this.names } } : {}),
      ...(this.valueCount > 0 ? { ExpressionAttributeValues: { ...this.values } } : {}),
    };
  }

  private nameOf(segment: string): string {
    const known = this.nameIndex.get(segment);
    if (known) return known;
    const placeholder = `#n${this.nameIndex.size}`;
    this.nameIndex.set(segment, placeholder);
    this.names[placeholder] = segment;
    return placeholder;
  }
}

/** An update as SET, increment and REMOVE clauses over attribute paths. */
export interface UpdatePlan {
  set: Array<{ path: readonly string[]; value: unknown }>;
  /** `path = path + by`, evaluated by DynamoDB against the stored value. */
  increment?: Array<{ path: readonly string[]; by: number }>;
  remove: Array<readonly string[]>;
}

export function updateExpression(plan: UpdatePlan, attrs: ExpressionAttributes): string {
  const clauses: string[] = [];
  const sets = [
    ...plan.set.map(({ path, value }) => `${attrs.name(...path)} = ${attrs.value(value)}`),
    ...(plan.increment ?? []).map(({ path, by }) => {
      const name = attrs.name(...path);
      return `${name} = ${name} + ${attrs.value(by)}`;
    }),
  ];
  if (sets.length > 0) clauses.push(`SET ${sets.join(', ')}`);
  if (plan.remove.length > 0) {
    clauses.push(`REMOVE ${plan.remove.map((path) => attrs.name(...path)).join(', ')}`);
  }
  return clauses.join(' ');
}
