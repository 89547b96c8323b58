import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A one-pixel PNG: every tile looks the same, which is all a test of the requests needs. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export interface TileRequest {
  z: number;
  x: number;
  y: number;
}

export interface TileServer {
  origin: string;
  /** The XYZ template the MinQing server is given. */
  template: string;
  close(): Promise<void>;
}

/**
 * A stand-in for an operator's tile server (XYZ, `/tiles/{z}/{x}/{y}.png`). It answers every tile
 * with a PNG and keeps the tiles asked for; `GET /requests` lists them, so tests in other
 * processes can see what the browser fetched.
 */
export async function startTileServer(): Promise<TileServer> {
  const requests: TileRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://tiles');
    const tile = /^\/tiles\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(url.pathname);
    if (tile) {
      requests.push({ z: Number(tile[1]), x: Number(tile[2]), y: Number(tile[3]) });
      res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
      res.end(PIXEL);
    } else if (url.pathname === '/requests') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(requests));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    template: `${origin}/tiles/{z}/{x}/{y}.png`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
