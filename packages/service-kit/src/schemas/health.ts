import { type Static, Type } from '@sinclair/typebox';
import { ProblemSchema } from './problem';

export const LivenessSchema = Type.Object({ status: Type.Literal('ok') }, { title: 'Liveness' });

export const CheckResultSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('fail')]),
    durationMs: Type.Integer({ minimum: 0 }),
    /** Coarse on purpose: the detail goes to the log, not to whoever polls the endpoint. */
    reason: Type.Optional(Type.Union([Type.Literal('error'), Type.Literal('timeout')])),
  },
  { additionalProperties: false, title: 'CheckResult' },
);

export const CheckResultsSchema = Type.Record(Type.String(), CheckResultSchema);

export const ReadinessSchema = Type.Object(
  { status: Type.Literal('ok'), checks: CheckResultsSchema },
  { title: 'Readiness' },
);

export const NotReadyProblemSchema = Type.Composite(
  [ProblemSchema, Type.Object({ checks: CheckResultsSchema })],
  { additionalProperties: true, title: 'NotReadyProblem' },
);

export type CheckResult = Static<typeof CheckResultSchema>;
