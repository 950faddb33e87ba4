// Preloaded into the Portkey gateway (node --require): its start-server binds every interface (no hostname option),
// so force every TCP listen onto 127.0.0.1. The load comparison uses loopback addresses only.
const net = require('net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const cb = args.find((a) => typeof a === 'function');
  if (typeof args[0] === 'number' || typeof args[0] === 'string') return listen.call(this, { port: Number(args[0]), host: '127.0.0.1' }, cb);
  if (args[0] && typeof args[0] === 'object' && args[0].path === undefined) return listen.call(this, { ...args[0], host: '127.0.0.1' }, cb);
  return listen.apply(this, args);
};
