/** Messages between the Jest global setup and the stack host it forks. */
export type HostMessage =
  | {
      type: 'ready';
      gatewayUrl: string;
      controlUrl: string;
      controlToken: string;
      pids: number[];
      ports: number[];
    }
  | { type: 'failed'; message: string }
  | { type: 'stopped'; pids: number[] };

export type SetupMessage = { type: 'stop' };

/** Variables the global setup hands to the test files. */
export const ENV = {
  gatewayUrl: 'E2E_GATEWAY_URL',
  controlUrl: 'E2E_CONTROL_URL',
  controlToken: 'E2E_CONTROL_TOKEN',
} as const;
