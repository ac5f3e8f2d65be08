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
  /**
   * Makes one connection silent for good: the one whose socket to the server has this local port (what the server
   * sees as the client's port, PostgreSQL's `pg_stat_activity.client_port`). False when there is none.
   */
  silenceConnection(serverSidePort: number): boolean;
  close(): Promise<void>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const silenced = new WeakSet<net.Socket>();
  let silent = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk) => {
      if (!silent && !silenced.has(from) && !silenced.has(to)) to.write(chunk);
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
    silenceConnection(serverSidePort) {
      for (const socket of sockets) {
        if (socket.remotePort === targetPort && socket.localPort === serverSidePort) {
          silenced.add(socket);
          return true;
        }
      }
      return false;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
