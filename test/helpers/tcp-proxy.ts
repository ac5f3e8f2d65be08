import net from 'node:net';

/**
 * A TCP proxy in front of a real server, for tests of a network that fails: it can cut every connection, and it can
 * go silent (accept connections and swallow what is sent, answering nothing), as a dead route or a hung server does.
 */
export interface TcpProxy {
  port: number;
  /** Ends every connection through the proxy at once, as a lost network or a server restart does. */
  dropAll(): void;
  /** While silent, data is swallowed in both directions and new connections are accepted but never answered. */
  setSilent(silent: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let silent = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => {
      if (!silent) to.write(chunk);
    });
    from.on('close', () => to.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (silent) return;
    const upstream = net.connect(targetPort, targetHost);
    track(upstream);
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    dropAll() {
      for (const socket of sockets) socket.destroy();
    },
    setSilent(value) {
      silent = value;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
