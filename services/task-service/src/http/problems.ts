import {
  type FieldError,
  HttpProblem,
  problemType,
  type RequestPart,
  statusTitle,
} from '@taskmgr/service-kit';

const PART_NAMES: Record<RequestPart, string> = {
  body: 'body',
  querystring: 'query string',
  params: 'params',
  headers: 'headers',
};

/**
 * A 400 shaped exactly like the kit's schema-validation problems, for the rules a JSON schema
 * cannot say (a trimmed length, a date with an offset, a header's syntax).
 */
export function validationProblem(errors: FieldError[]): HttpProblem {
  const part = errors[0]?.in ?? 'body';
  return new HttpProblem(
    400,
    statusTitle(400),
    `The request ${PART_NAMES[part]} is invalid: ${errors.map((e) => e.field).join(', ')}`,
    { errors },
    { type: problemType('validation') },
  );
}

/** Collects field errors while normalising a request, then throws them all at once. */
export class FieldErrors {
  private readonly errors: FieldError[] = [];

  add(field: string, part: RequestPart, message: string): void {
    this.errors.push({ field, in: part, message });
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw validationProblem(this.errors);
  }
}
