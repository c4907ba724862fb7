import type { Template } from 'aws-cdk-lib/assertions';
import { asArray, asObject, type Json, type JsonObject, props, resourcesOf } from './synth';

export interface Statement {
  /** Logical id of the policy (or role, for inline policies) that holds it. */
  readonly source: string;
  /** Roles the statement applies to (logical ids). */
  readonly roles: readonly string[];
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly Json[];
  readonly notResources: readonly Json[];
  readonly condition?: JsonObject;
  readonly sid?: string;
}

function refOf(value: Json): string | undefined {
  const ref = asObject(value).Ref;
  return typeof ref === 'string' ? ref : undefined;
}

function toStatements(source: string, roles: string[], document: Json | undefined): Statement[] {
  return asArray(asObject(document).Statement).map((raw) => {
    const s = asObject(raw);
    const condition = s.Condition ? asObject(s.Condition) : undefined;
    return {
      source,
      roles,
      effect: String(s.Effect),
      actions: asArray(s.Action).map(String),
      resources: asArray(s.Resource),
      notResources: asArray(s.NotResource),
      ...(condition ? { condition } : {}),
      ...(typeof s.Sid === 'string' ? { sid: s.Sid } : {}),
    };
  });
}

/** Every identity-policy statement in a template: policies and inline role policies. */
export function iamStatements(template: Template): Statement[] {
  const statements: Statement[] = [];
  for (const [id, policy] of Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))) {
    const p = props(policy);
    const roles = asArray(p.Roles).flatMap((r) => refOf(r) ?? []);
    statements.push(...toStatements(id, roles, p.PolicyDocument));
  }
  for (const [id, role] of Object.entries(resourcesOf(template, 'AWS::IAM::Role'))) {
    for (const inline of asArray(props(role).Policies)) {
      statements.push(...toStatements(id, [id], asObject(inline).PolicyDocument));
    }
  }
  return statements;
}

export function statementsOfRole(template: Template, roleId: string): Statement[] {
  return iamStatements(template).filter((s) => s.roles.includes(roleId));
}

/** Logical id of the role behind `{ "Fn::GetAtt": [id, "Arn"] }`. */
export function roleIdOf(arn: Json | undefined): string {
  const getAtt = asObject(arn)['Fn::GetAtt'];
  const id = Array.isArray(getAtt) ? getAtt[0] : undefined;
  if (typeof id !== 'string') throw new Error(`not a GetAtt: ${JSON.stringify(arn)}`);
  return id;
}
