import { readFileSync } from 'node:fs';
import {
  Arg,
  Copy,
  DockerfileParser,
  Env,
  From,
  Healthcheck,
  type Instruction,
  JSONInstruction,
} from 'dockerfile-ast';

export interface Stage {
  readonly name: string | undefined;
  readonly from: From;
  readonly instructions: readonly Instruction[];
}

export interface ParsedDockerfile {
  readonly path: string;
  readonly stages: readonly Stage[];
  /** The last stage: what the image is. */
  readonly runtime: Stage;
}

export function parseDockerfile(path: string): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(readFileSync(path, 'utf8'));
  const stages: { name: string | undefined; from: From; instructions: Instruction[] }[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    if (instruction instanceof From) {
      stages.push({
        name: instruction.getBuildStage() ?? undefined,
        from: instruction,
        instructions: [],
      });
      continue;
    }
    const current = stages.at(-1);
    if (!current) throw new Error(`${path}: ${instruction.getKeyword()} before the first FROM`);
    current.instructions.push(instruction);
  }
  const runtime = stages.at(-1);
  if (!runtime) throw new Error(`${path}: no FROM`);
  return { path, stages, runtime };
}

export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.getKeyword() === keyword);
}

/** The words of an exec-form (JSON array) instruction; undefined for shell form. */
export function execForm(instruction: Instruction): string[] | undefined {
  const raw = instruction.getRawArgumentsContent()?.trim() ?? '';
  if (!(instruction instanceof JSONInstruction) || !raw.startsWith('[')) return undefined;
  const values = instruction.getJSONStrings().map((s) => s.getJSONValue());
  return values.length > 0 ? values : undefined;
}

/** ENV of a stage, later values winning. */
export function envOf(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const instruction of stage.instructions) {
    if (!(instruction instanceof Env)) continue;
    for (const property of instruction.getProperties()) {
      env[property.getName()] = property.getValue() ?? '';
    }
  }
  return env;
}

/** ARG of a stage with their defaults (undefined when there is none), in order. */
export function argsOf(stage: Stage): { name: string; value: string | undefined; index: number }[] {
  return stage.instructions.flatMap((instruction, index) => {
    if (!(instruction instanceof Arg)) return [];
    const property = instruction.getProperty();
    return property
      ? [{ name: property.getName(), value: property.getValue() ?? undefined, index }]
      : [];
  });
}

/** Where an instruction sits in its stage (for checks on order). */
export function indexOf(stage: Stage, predicate: (instruction: Instruction) => boolean): number {
  return stage.instructions.findIndex(predicate);
}

/** The last USER of a stage (what the container runs as). */
export function userOf(stage: Stage): string | undefined {
  return instructionsOf(stage, 'USER').at(-1)?.getArgumentsContent()?.trim();
}

export interface ParsedHealthcheck {
  readonly flags: Record<string, string>;
  readonly command: string[] | undefined;
}

/** HEALTHCHECK's flags and its CMD when in exec form. */
export function healthcheckOf(stage: Stage): ParsedHealthcheck | undefined {
  const instruction = stage.instructions.find((i) => i instanceof Healthcheck);
  if (!(instruction instanceof Healthcheck)) return undefined;
  const flags: Record<string, string> = {};
  for (const flag of instruction.getFlags()) flags[flag.getName()] = flag.getValue() ?? '';
  const content = (instruction.getArgumentsContent() ?? '').replace(/\\\r?\n/g, ' ');
  const match = /\bCMD\s+(\[.*\])\s*$/s.exec(content);
  let command: string[] | undefined;
  if (match?.[1]) {
    const parsed: unknown = JSON.parse(match[1]);
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string')) command = parsed;
  }
  return { flags, command };
}

export interface ParsedCopy {
  readonly fromStage: string | undefined;
  readonly sources: string[];
  readonly destination: string;
}

export function copiesOf(stage: Stage): ParsedCopy[] {
  return stage.instructions
    .filter((i): i is Copy => i instanceof Copy)
    .map((copy) => {
      const args = copy
        .getArguments()
        .map((a) => a.getValue())
        .filter((value) => !value.startsWith('--'));
      const destination = args.at(-1);
      if (destination === undefined || args.length < 2) {
        throw new Error(`COPY needs a source and a destination: ${copy.toString()}`);
      }
      return {
        fromStage: copy.getFromFlag()?.getValue() ?? undefined,
        sources: args.slice(0, -1),
        destination,
      };
    });
}

/** A RUN instruction's command on one line: continuations joined, runs of spaces collapsed. */
export function runCommand(run: Instruction): string {
  return (run.getArgumentsContent() ?? '')
    .replace(/\\\r?\n\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** RUN commands of a stage, each on one line. */
export function runCommandsOf(stage: Stage): string[] {
  return instructionsOf(stage, 'RUN').map(runCommand);
}
