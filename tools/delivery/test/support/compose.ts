import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  read_only?: boolean;
  cap_drop?: string[];
  cap_add?: string[];
  security_opt?: string[];
  tmpfs?: string[];
  volumes?: string[];
  ports?: string[];
  profiles?: string[];
  restart?: string;
  stop_grace_period?: string;
  network_mode?: string;
}

export interface ComposeFile {
  name: string;
  services: Record<string, ComposeService>;
  volumes: Record<string, unknown>;
}

/** Parsed with YAML merge keys resolved, as compose resolves them. */
export function loadCompose(path: string): ComposeFile {
  return parse(readFileSync(path, 'utf8'), { merge: true }) as ComposeFile;
}

/** One-shot jobs: they exit, and whatever needs them waits for `service_completed_successfully`. */
export function oneShotServices(compose: ComposeFile): Set<string> {
  const oneShots = new Set<string>();
  for (const service of Object.values(compose.services)) {
    for (const [name, dep] of Object.entries(service.depends_on ?? {})) {
      if (dep.condition === 'service_completed_successfully') oneShots.add(name);
    }
  }
  return oneShots;
}
