/**
 * cognito-local as a container process. Its tokens carry `iss = <IssuerDomain>/<pool id>`, and
 * the services fetch the signing keys from that issuer, so IssuerDomain must be the address the
 * other containers reach it at (COGNITO_LOCAL_ISSUER_DOMAIN, e.g. http://cognito-local:9229).
 * The rest of an existing config.json is kept.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { requiredEnv } from './retry';

const dataDir = process.env.COGNITO_LOCAL_DATA_DIR ?? '/data/cognito';
const issuerDomain = requiredEnv('COGNITO_LOCAL_ISSUER_DOMAIN');
const configFile = join(dataDir, '.cognito', 'config.json');

mkdirSync(dirname(configFile), { recursive: true });
let config: Record<string, unknown> = {};
if (existsSync(configFile)) {
  config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
}
const tokenConfig =
  typeof config.TokenConfig === 'object' && config.TokenConfig !== null ? config.TokenConfig : {};
config.TokenConfig = { ...tokenConfig, IssuerDomain: issuerDomain };
writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);

// cognito-local keeps everything under ./.cognito and listens on HOST:PORT.
process.chdir(dataDir);
process.env.HOST ??= '0.0.0.0';
process.env.PORT ??= '9229';
process.env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = '1';
// cognito-local has no signal handlers; as PID 1 it would ignore SIGTERM until the SIGKILL.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => process.exit(0));
}
require(join(dirname(require.resolve('cognito-local/package.json')), 'lib', 'bin', 'start.js'));
