import { Type } from '@sinclair/typebox';

/** A TCP port setting; 0 lets the OS pick, which tests use. */
export function PortSetting(defaultPort: number) {
  return Type.Integer({
    default: defaultPort,
    minimum: 0,
    maximum: 65535,
    description: 'TCP port 0-65535 (0 picks a free one)',
  });
}

/** pino's levels, `info` by default. */
export const LogLevelSetting = Type.Union(
  [
    Type.Literal('fatal'),
    Type.Literal('error'),
    Type.Literal('warn'),
    Type.Literal('info'),
    Type.Literal('debug'),
    Type.Literal('trace'),
    Type.Literal('silent'),
  ],
  { default: 'info', description: 'one of fatal, error, warn, info, debug, trace, silent' },
);
