import { createServer, type Server } from 'node:net';
import { assertPortFree, freePort, PortInUseError } from '@taskmgr/local-engines';

function listen(host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('server has no port');
  return address.port;
}

test('a free port passes', async () => {
  await expect(assertPortFree(await freePort(), 'DynamoDB Local')).resolves.toBeUndefined();
});

test.each([
  ['loopback', '127.0.0.1'],
  ['every interface', undefined],
])('a port taken on %s fails with one line naming the port and the engine', async (_, host) => {
  const server = await listen(host);
  const port = portOf(server);
  try {
    const error = await assertPortFree(port, 'cognito-local').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortInUseError);
    expect((error as PortInUseError).message).toContain(`Port ${port} is already in use`);
    expect((error as PortInUseError).message).toContain('cognito-local');
    expect((error as PortInUseError).message).not.toContain('\n');
  } finally {
    server.close();
  }
});
