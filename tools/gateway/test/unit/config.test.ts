import { ConfigError } from '@taskmgr/config';
import { GATEWAY_PORT } from '@taskmgr/route-table';
import { loadGatewayConfig } from '../../src/config';

describe('loadGatewayConfig', () => {
  test('defaults: port 8080 and each service on its local port', () => {
    const config = loadGatewayConfig({});
    expect(config.port).toBe(GATEWAY_PORT);
    expect(config.upstreams).toEqual({
      user: 'http://127.0.0.1:3001',
      task: 'http://127.0.0.1:3002',
      notification: 'http://127.0.0.1:3003',
    });
    expect(config.bodyLimitBytes).toBe(1_048_576);
  });

  test('reads the port and the upstreams from the environment', () => {
    const config = loadGatewayConfig({
      GATEWAY_PORT: '9090',
      TASK_SERVICE_URL: 'http://tasks.internal:3000/',
    });
    expect(config.port).toBe(9090);
    expect(config.upstreams.task).toBe('http://tasks.internal:3000');
  });

  test('names each bad variable', () => {
    expect.assertions(2);
    try {
      loadGatewayConfig({ GATEWAY_PORT: 'eighty', USER_SERVICE_URL: 'http://host/with/path' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues.map((i) => i.variable).sort()).toEqual([
        'GATEWAY_PORT',
        'USER_SERVICE_URL',
      ]);
    }
  });
});
