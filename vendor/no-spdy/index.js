'use strict';
// restify 11 requires spdy at load time and uses it only with `createServer({ spdy })`, which this
// project never passes. Loading the real spdy fails on Node 24 (http-deceiver reads
// process.binding('http_parser')), so restify would not even start there. See
// docs/decisions/0017-restify-without-spdy.md.
exports.createServer = function createServer() {
  throw new Error('SPDY is not supported by this server (docs/decisions/0017-restify-without-spdy.md)');
};
