import { type IAspect, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { acknowledge } from './nag';

/** One kind of wildcard that is acceptable, and why. */
export interface WildcardRule {
  /** Matched against cdk-nag's finding id, e.g. `Action::s3:GetObject*` or `Resource::*`. */
  readonly finding: RegExp;
  /** For `Resource::` findings: every statement producing it may only grant these actions. */
  readonly onlyActions?: readonly string[];
  readonly reason: string;
}

interface Statement {
  readonly effect: unknown;
  readonly actions: string[];
  readonly resources: string[];
}

/**
 * Acknowledges the AwsSolutions-IAM5 findings of policies that CDK constructs generate (and
 * that this code cannot narrow), one finding at a time and only when it matches a rule.
 * Any other wildcard stays a finding and fails the nag test.
 */
export class AcknowledgeWildcards implements IAspect {
  constructor(private readonly rules: readonly WildcardRule[]) {}

  visit(node: IConstruct): void {
    if (!(node instanceof iam.CfnPolicy)) return;
    // Read the policy once CDK has resolved cross-stack references (after the aspects), in the
    // form cdk-nag names its findings by.
    node.node.addValidation({
      validate: () => {
        this.acknowledgeFindings(node);
        return [];
      },
    });
  }

  private acknowledgeFindings(node: iam.CfnPolicy): void {
    const statements = statementsOf(Stack.of(node).resolve(node.policyDocument));
    const findings = new Map<string, Statement[]>();
    for (const statement of statements) {
      if (statement.effect !== 'Allow') continue;
      for (const action of statement.actions.filter((a) => a.includes('*'))) {
        addTo(findings, `Action::${action}`, statement);
      }
      for (const resource of statement.resources.filter((r) => r.includes('*'))) {
        addTo(findings, `Resource::${resource}`, statement);
      }
    }
    for (const [finding, sources] of findings) {
      const rule = this.rules.find(
        (r) =>
          r.finding.test(finding) &&
          (!r.onlyActions ||
            sources.every((s) => s.actions.every((a) => r.onlyActions?.includes(a)))),
      );
      if (rule) acknowledge(node, `AwsSolutions-IAM5[${finding}]`, rule.reason);
    }
  }
}

function addTo(map: Map<string, Statement[]>, key: string, statement: Statement): void {
  const list = map.get(key) ?? [];
  list.push(statement);
  map.set(key, list);
}

function statementsOf(document: unknown): Statement[] {
  if (!isRecord(document) || !Array.isArray(document.Statement)) return [];
  return document.Statement.filter(isRecord).map((s) => ({
    effect: s.Effect,
    actions: toArray(s.Action).filter((a): a is string => typeof a === 'string'),
    resources: toArray(s.Resource).map(flatten),
  }));
}

/** The same flattening cdk-nag applies to resources, so finding ids match exactly. */
export function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  if (isRecord(node)) {
    const join = node['Fn::Join'];
    if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
      return join[1].map(flatten).join(join[0]);
    }
    if ('Fn::Sub' in node) return flatten(node['Fn::Sub']);
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${flatten(getAtt[0])}.${flatten(getAtt[1])}>`;
    if ('Fn::ImportValue' in node) return flatten(node['Fn::ImportValue']);
    if ('Ref' in node) return `<${flatten(node.Ref)}>`;
  }
  return JSON.stringify(node);
}

function toArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
