import { createServer } from 'node:net';

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A port an engine was asked to use is taken by another process. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly engine: string,
  ) {
    super(
      `Port ${port} is already in use, so ${engine} cannot listen on it: ` +
        'stop whatever is listening there or choose another port.',
    );
    this.name = 'PortInUseError';
  }
}

function canListen(port: number, host: string | undefined): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      // No IPv6 on this host: the wildcard probe cannot tell us anything.
      else if (error.code === 'EAFNOSUPPORT' || error.code === 'EADDRNOTAVAIL') resolve(true);
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Fails early with a one-line explanation when the port is taken. Without this a busy port
 * shows up as a stack trace from the engine, or worse, as a healthy answer from whatever
 * already listens there. Both the loopback and the wildcard address are probed because the
 * engines bind differently (Java binds every interface).
 */
export async function assertPortFree(port: number, engine: string): Promise<void> {
  const free = (await canListen(port, '127.0.0.1')) && (await canListen(port, undefined));
  if (!free) throw new PortInUseError(port, engine);
}
