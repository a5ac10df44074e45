// A small, fast OpenAI-compatible streaming server on loopback, standing in for a model provider.
//   node bench/chat/stub.js PORT
// POST /v1/chat/completions (stream: true) answers SSE chunks in OpenAI's wire format: a role chunk, then `tokens`
// content chunks `gap` ms apart, a finish chunk, a usage chunk and `data: [DONE]`. The pace is read from the last
// user message, e.g. "bench tokens=200 gap=50 first=0" (first = delay before the first token, ms), so the same body
// can be sent straight here or through chat-service. Token i is "w<i> ", so a client can check the whole text.
// GET /v1/models lists one model; GET /stats tells TCP connections accepted, requests, streams open now, the most open at once, aborted ones;
// POST /reset zeroes the counters.
'use strict';
const http = require('http');

const port = Number(process.argv[2] || 19401);
const MODEL = 'bench-stub';
const stats = { connections: 0, requests: 0, streams: 0, open: 0, peakOpen: 0, completed: 0, aborted: 0, bad: 0 };

function pace(body) {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const last = [...messages].reverse().find(m => m && m.role === 'user');
  const text = last && typeof last.content === 'string' ? last.content : '';
  const num = (name, dflt) => {
    const m = new RegExp(`\\b${name}=(\\d+)`).exec(text);
    return m ? Number(m[1]) : dflt;
  };
  return { tokens: num('tokens', 20), gap: num('gap', 10), first: num('first', 0) };
}

function chunk(delta, finish) {
  return 'data: ' + JSON.stringify({
    id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 0, model: MODEL,
    choices: [{ index: 0, delta, finish_reason: finish || null }],
  }) + '\n\n';
}

function stream(req, res, body) {
  const { tokens, gap, first } = pace(body);
  stats.streams++;
  stats.open++;
  if (stats.open > stats.peakOpen) stats.peakOpen = stats.open;
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  res.write(chunk({ role: 'assistant', content: '' }));
  let i = 0;
  let timer = null;
  let ended = false;
  const finish = (aborted) => {
    if (ended) return;
    ended = true;
    if (timer) clearTimeout(timer);
    stats.open--;
    if (aborted) stats.aborted++; else stats.completed++;
  };
  const next = () => {
    timer = null;
    if (ended) return;
    res.write(chunk({ content: `w${i} ` }));
    i++;
    if (i < tokens) {
      timer = setTimeout(next, gap);
      return;
    }
    res.write(chunk({}, 'stop'));
    res.write('data: ' + JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 0,
      model: MODEL, choices: [], usage: { prompt_tokens: 8, completion_tokens: tokens, total_tokens: tokens + 8 } })
      + '\n\n');
    res.end('data: [DONE]\n\n');
    finish(false);
  };
  res.on('close', () => finish(true));
  if (tokens > 0) timer = setTimeout(next, first); else next();
}

const server = http.createServer((req, res) => {
  stats.requests++;
  if (req.method === 'GET' && req.url === '/v1/models') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data: [{ id: MODEL, object: 'model', owned_by: 'bench', max_model_len: 8192 }] }));
    return;
  }
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(stats));
    return;
  }
  if (req.method === 'POST' && req.url === '/reset') {
    for (const k of Object.keys(stats)) if (k !== 'open') stats[k] = 0;
    stats.peakOpen = stats.open;
    res.writeHead(204);
    res.end();
    return;
  }
  if (req.method === 'POST' && req.url === '/v1/chat/completions') {
    const parts = [];
    req.on('data', d => parts.push(d));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8'));
      } catch (e) {
        stats.bad++;
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'body is not JSON', type: 'invalid_request_error' } }));
        return;
      }
      stream(req, res, body);
    });
    return;
  }
  res.writeHead(404, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: { message: 'not found' } }));
});
server.on('connection', () => { stats.connections++; });
// chat-service keeps pooled connections; do not close them under it between replies
server.keepAliveTimeout = 300000;
server.headersTimeout = 301000;
server.requestTimeout = 0;
server.maxConnections = 100000;
server.listen(port, '127.0.0.1', () => console.log(`stub listening on 127.0.0.1:${port}`));
