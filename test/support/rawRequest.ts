/** Plain HTTP requests with full control: one connection each, any method and body, from a chosen loopback address. */
import http from 'node:http';

/** One request on its own connection, from a chosen loopback address; the body as sent. */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: Buffer | string; localAddress?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(
      url,
      { method: options.method ?? 'POST', agent: false, headers: options.headers, localAddress: options.localAddress },
      (response) => {
        answered = true;
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk));
        const done = () => {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
          // A keep-alive request has its own connection all the same: closed once answered.
          request.destroy();
        };
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    // A refusal before the whole upload was read closes the connection: the answer has come first.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    request.end(options.body);
  });
}
