// The connection between Chromium and Kindly's server, as something the run can cut: a TCP
// relay the browser talks to instead of the server. Cut, it drops every open connection and
// refuses new ones, as when a branch's Wi-Fi stays up but its line to the internet goes down
// (the browser still believes it is online, so nothing but the app's own retry brings the
// application through). Restored, it relays again.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Network {
  /** The origin Chromium is to open: the relay's. */
  origin: string;
  cut: () => void;
  restore: () => void;
  close: () => Promise<void>;
}

/** Starts a relay on a free port of 127.0.0.1 to `target` (a port on 127.0.0.1); `log`
 *  hears what it does with each connection, for the session's logs. */
export async function startNetwork(
  target: number,
  log: (line: string) => void = () => undefined,
): Promise<Network> {
  let isCut = false;
  let count = 0;
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    // A reset from either side ends both; the error itself is expected and not reported.
    socket.on('error', () => socket.destroy());
  };
  const relay: Server = createServer((client) => {
    const id = ++count;
    if (isCut) {
      log(`connection ${id} refused (cut)`);
      client.resetAndDestroy();
      return;
    }
    log(`connection ${id} relayed`);
    client.on('close', () => log(`connection ${id} closed`));
    const upstream = connect(target, '127.0.0.1');
    track(client);
    track(upstream);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    relay.once('error', reject);
    relay.listen(0, '127.0.0.1', resolve);
  });
  const address = relay.address();
  if (typeof address !== 'object' || !address) throw new Error('the network relay has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    cut: () => {
      log(`cut: ${open.size / 2} open connection(s) reset`);
      isCut = true;
      for (const socket of open) socket.resetAndDestroy();
    },
    restore: () => {
      log('restored');
      isCut = false;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}
