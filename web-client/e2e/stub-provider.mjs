#!/usr/bin/env node
// A stub model provider for the end-to-end tests, speaking the real wire formats:
//  - OpenAI-compatible (STUDIO_OPENAI_BASE_URL): GET /v1/models, POST /v1/chat/completions streaming SSE `data:` chunks
//    and `data: [DONE]`; the model picks the answer: `stub-chat` streams a reply, `stub-rejects-token` answers 401,
//    `stub-rate-limited` 429 with Retry-After, `stub-down` 503 (an OpenAI-style error body each time).
//  - HuggingFace (STUDIO_HF_BASE_URL): POST /hf-inference/models/{model} answers 401, as HuggingFace does for a bad
//    token, so an image job fails with a reason; its chat path is the same /v1/chat/completions.
//  - A long catalog on request: POST /control/models {"extra": N} adds N more models to /v1/models (as a server such as
//    Ollama or vLLM with many models would list them); they stream the same reply as `stub-chat`.
// Usage: node e2e/stub-provider.mjs <port>   (prints "stub provider listening on <port>"); GET /requests lists calls.
import http from 'node:http';

const port = Number(process.argv[2] ?? process.env.STUB_PORT ?? 18590);
export const RETRY_AFTER = 7;
const MODELS = ['stub-chat', 'stub-rejects-token', 'stub-rate-limited', 'stub-down'];
const REPLY = 'Hello from the stub provider. This reply came over the OpenAI wire format, chunk by chunk.';
const EXTRA = [
  'llama3.1:8b-instruct-q4_K_M', 'mistral-nemo:12b-instruct-2407', 'qwen2.5-coder:32b', 'phi3.5:3.8b-mini-instruct',
  'gemma2:27b', 'codellama:13b-python', 'deepseek-r1:14b-qwen-distill', 'mixtral:8x7b-instruct-v0.1-q3_K_S',
  'llava:13b', 'command-r:35b', 'starcoder2:15b', 'yi:34b-chat', 'nous-hermes2:10.7b', 'openchat:7b-v3.5',
];
let extra = 0;
const seen = [];

function error(res, status, message, type, code, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message, type, code } }));
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
  });
}

async function streamReply(res, model) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
  const id = `chatcmpl-${Date.now()}`;
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta, finish = null, extra = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  res.write(chunk({ role: 'assistant', content: '' }));
  const words = REPLY.split(/(?<= )/);
  for (const w of words) {
    res.write(chunk({ content: w }));
    await new Promise((r) => setTimeout(r, 40));
  }
  res.write(chunk({}, 'stop', { usage: { prompt_tokens: 12, completion_tokens: words.length, total_tokens: 12 + words.length } }));
  res.write('data: [DONE]\n\n');
  res.end();
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://stub');
  const body = req.method === 'POST' ? await readBody(req) : '';
  seen.push({ method: req.method, path: url.pathname, authorization: req.headers.authorization ?? null, body: body.slice(0, 500) });

  if (req.method === 'GET' && url.pathname === '/requests') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify(seen));
  }
  if (req.method === 'POST' && url.pathname === '/control/models') {
    extra = Math.max(0, Math.min(EXTRA.length, Number(JSON.parse(body || '{}').extra) || 0));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ extra }));
  }
  if (req.method === 'GET' && url.pathname === '/v1/models') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    const listed = [...MODELS, ...EXTRA.slice(0, extra)];
    return res.end(JSON.stringify({ object: 'list', data: listed.map((id) => ({ id, object: 'model', created: 1700000000, owned_by: 'stub' })) }));
  }
  if (req.method === 'POST' && url.pathname === '/v1/chat/completions') {
    let model = '';
    try {
      model = JSON.parse(body).model ?? '';
    } catch {
      return error(res, 400, 'Body is not JSON', 'invalid_request_error', 'invalid_json');
    }
    switch (model) {
      case 'stub-rejects-token':
        return error(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
      case 'stub-rate-limited':
        return error(res, 429, 'Rate limit reached for requests.', 'requests', 'rate_limit_exceeded', { 'Retry-After': String(RETRY_AFTER) });
      case 'stub-down':
        return error(res, 503, 'The server is overloaded or not ready yet.', 'server_error', 'service_unavailable');
      default:
        return streamReply(res, model);
    }
  }
  if (req.method === 'POST' && url.pathname.startsWith('/hf-inference/models/')) {
    res.writeHead(401, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ error: 'Invalid credentials in Authorization header' }));
  }
  error(res, 404, `No route ${req.method} ${url.pathname}`, 'invalid_request_error', 'not_found');
});

server.listen(port, '127.0.0.1', () => console.log(`stub provider listening on ${port}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
