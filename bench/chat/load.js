// The load client of the chat-service benchmark (started by bench/chat/run.sh, which starts everything else).
// One Node process, one keep-alive agent per target, and the same SSE parser for both targets:
//   1. TTFT: SAMPLES pairs, interleaved, one request at a time: straight to the stub (first `data:` chunk with text)
//      and through chat-service (POST .../messages, first `delta` event), each on a fresh conversation.
//   2. STREAMS concurrent streaming replies, ROUNDS times: STREAMS straight to the stub, then STREAMS through
//      chat-service (spread over USERS users), all started at once. Errors, inter-token gaps, TTFT under load.
// It samples the chat-service JVM's /proc/PID/status throughout (VmRSS, VmHWM, Threads) and prints the figures.
// Configuration comes from the environment (see run.sh). Exit code 0 even when targets are missed; 1 on setup failure.
'use strict';
const http = require('http');
const fs = require('fs');

const env = (name, dflt) => (process.env[name] !== undefined && process.env[name] !== '' ? process.env[name] : dflt);
const CHAT = new URL(env('CHAT_URL', 'http://127.0.0.1:19403'));
const STUB = new URL(env('STUB_URL', 'http://127.0.0.1:19401'));
const USERS_URL = new URL(env('USERS_URL', 'http://127.0.0.1:19402'));
const CHAT_PID = Number(env('CHAT_PID', '0'));
const MODEL = env('MODEL', 'bench-stub');
const SAMPLES = Number(env('SAMPLES', '300'));
const WARMUP = Number(env('WARMUP', '300'));
// the run's first COLD pairs are also reported on their own (the JIT cold), whatever WARMUP is
const COLD = Number(env('COLD', '30'));
const TTFT_TOKENS = Number(env('TTFT_TOKENS', '5'));
const TTFT_GAP = Number(env('TTFT_GAP', '5'));
const STREAMS = Number(env('STREAMS', '1000'));
const USERS = Number(env('USERS', '100'));
const TOKENS = Number(env('TOKENS', '400'));
const GAP = Number(env('GAP', '100'));
const ROUNDS = Number(env('ROUNDS', '1'));
const BURST = Number(env('BURST', '0'));
const BURST_ROUNDS = Number(env('BURST_ROUNDS', '5'));
const RESULT_FILE = env('RESULT_FILE', '');
const RUN = env('RUN_ID', String(process.pid));
const PASSWORD = 'bench-chat-passphrase-7';

const chatAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const stubAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

// ---------- small helpers ----------
function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}
function summary(values) {
  const s = Float64Array.from(values).sort();
  return { n: s.length, p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99),
    p999: percentile(s, 99.9), max: s.length ? s[s.length - 1] : NaN };
}
const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const mib = kb => kb / 1024;

function procStatus(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = name => Number((new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text) || [])[1] || 0);
    return { rss: field('VmRSS'), hwm: field('VmHWM'), threads: field('Threads') };
  } catch (e) {
    return null;
  }
}
function cpuSeconds(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch (e) {
    return NaN;
  }
}
const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// RSS sampler: the highest VmRSS seen since the last mark, so each phase gets its own peak
let phasePeakRss = 0;
let lastStatus = null;
const sampler = CHAT_PID ? setInterval(() => {
  const s = procStatus(CHAT_PID);
  if (s) {
    lastStatus = s;
    if (s.rss > phasePeakRss) phasePeakRss = s.rss;
  }
}, 50) : null;
function markPhase() {
  const s = procStatus(CHAT_PID);
  phasePeakRss = s ? s.rss : 0;
  return s;
}

// A plain JSON request; resolves {status, body}.
function json(base, agent, method, path, body, token) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? null : Buffer.from(JSON.stringify(body));
    const headers = { Accept: 'application/json' };
    if (data) { headers['Content-Type'] = 'application/json'; headers['Content-Length'] = data.length; }
    if (token) headers.Authorization = 'Bearer ' + token;
    const req = http.request({ host: base.hostname, port: base.port, method, path, headers, agent }, res => {
      const parts = [];
      res.on('data', d => parts.push(d));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        let parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = text; }
        resolve({ status: res.statusCode, body: parsed });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(120000, () => req.destroy(new Error('timeout')));
    req.end(data);
  });
}

async function pool(items, concurrency, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  }));
  return out;
}

// ---------- SSE ----------
// A line-based event-stream parser (WHATWG rules for event/data/id; CRLF, LF or CR line ends; chunks split anywhere).
class SseParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.buf = '';
    this.reset();
  }
  reset() { this.event = ''; this.data = []; this.id = null; }
  feed(text) {
    this.buf += text;
    let start = 0;
    for (;;) {
      let i = start;
      const n = this.buf.length;
      while (i < n && this.buf[i] !== '\n' && this.buf[i] !== '\r') i++;
      if (i >= n) break;
      if (this.buf[i] === '\r' && i + 1 >= n) break; // a CR at the end may be half of CRLF
      const line = this.buf.slice(start, i);
      start = i + (this.buf[i] === '\r' && this.buf[i + 1] === '\n' ? 2 : 1);
      this.line(line);
    }
    this.buf = this.buf.slice(start);
  }
  line(line) {
    if (line === '') {
      if (this.data.length) this.onEvent({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
      this.reset();
      return;
    }
    if (line[0] === ':') return;
    const c = line.indexOf(':');
    const field = c < 0 ? line : line.slice(0, c);
    let value = c < 0 ? '' : line.slice(c + 1);
    if (value[0] === ' ') value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id') this.id = value;
  }
}

// One streamed reply. kind 'stub': POST /v1/chat/completions straight to the stub; 'chat': through chat-service.
// Resolves {ok, error, ttft, gaps[], text, status}; never rejects.
function streamOnce(kind, { token, conversationId, tokens, gap, deadlineMs = 300000, onFirst, onEnd }) {
  const content = `bench tokens=${tokens} gap=${gap} first=0`;
  const target = kind === 'chat' ? CHAT : STUB;
  const path = kind === 'chat' ? `/api/chat/conversations/${conversationId}/messages` : '/v1/chat/completions';
  const body = Buffer.from(JSON.stringify(kind === 'chat' ? { content }
    : { model: MODEL, stream: true, messages: [{ role: 'user', content }] }));
  const headers = { 'Content-Type': 'application/json', 'Content-Length': body.length, Accept: 'text/event-stream' };
  if (token) headers.Authorization = 'Bearer ' + token;
  const expected = Array.from({ length: tokens }, (_, i) => `w${i} `).join('');
  return new Promise(resolve => {
    const r = { ok: false, error: null, ttft: NaN, gaps: [], text: '', status: 0, finalStatus: null };
    let settled = false;
    let first = false;
    let last = 0;
    let t0 = 0;
    const finish = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (first && onEnd) onEnd();
      if (!error && r.text !== expected) error = `text mismatch (${r.text.length} of ${expected.length} chars)`;
      r.error = error || null;
      r.ok = !r.error;
      resolve(r);
    };
    const arrived = () => {
      const t = now();
      if (!first) {
        first = true;
        r.ttft = t - t0;
        if (onFirst) onFirst();
      } else {
        r.gaps.push(t - last);
      }
      last = t;
    };
    let ended = false; // saw [DONE] or done
    const parser = new SseParser(ev => {
      if (kind === 'stub') {
        if (ev.data === '[DONE]') { ended = true; return; }
        let chunk;
        try { chunk = JSON.parse(ev.data); } catch (e) { finish('stub sent non-JSON'); return; }
        const c = chunk.choices && chunk.choices[0] && chunk.choices[0].delta && chunk.choices[0].delta.content;
        if (c) { arrived(); r.text += c; }
      } else if (ev.event === 'delta') {
        arrived();
        try { r.text += JSON.parse(ev.data).text; } catch (e) { finish('delta not JSON'); }
      } else if (ev.event === 'done') {
        ended = true;
        try {
          const m = JSON.parse(ev.data).message;
          r.finalStatus = m.status;
          if (m.status !== 'complete') finish(`done with status ${m.status}`);
          else if (m.content !== expected) finish('stored content differs from the streamed text');
        } catch (e) { finish('done not JSON'); }
      } else if (ev.event === 'error') {
        let code = '?';
        try { code = JSON.parse(ev.data).code; } catch (e) { /* keep ? */ }
        finish(`error event ${code}`);
      }
    });
    const req = http.request({ host: target.hostname, port: target.port, method: 'POST', path, headers,
      agent: kind === 'chat' ? chatAgent : stubAgent }, res => {
      r.status = res.statusCode;
      r.newConnection = !req.reusedSocket;
      if (res.statusCode !== 200) {
        const parts = [];
        res.on('data', d => parts.push(d));
        res.on('end', () => {
          let code = '';
          try { code = JSON.parse(Buffer.concat(parts).toString()).code || ''; } catch (e) { /* not JSON */ }
          finish(`HTTP ${res.statusCode} ${code}`.trim());
        });
        res.on('error', e => finish(`HTTP ${res.statusCode}, then ${e.code || e.message}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', d => parser.feed(d));
      res.on('end', () => finish(ended ? null : 'stream ended without done/[DONE]'));
      res.on('error', e => finish(`response ${e.code || e.message}`));
      res.on('aborted', () => finish('response aborted'));
    });
    req.on('error', e => finish(`request ${e.code || e.message}`));
    const timer = setTimeout(() => { finish(`no end within ${deadlineMs} ms`); req.destroy(); }, deadlineMs);
    t0 = now();
    req.end(body);
  });
}

// ---------- setup through the real APIs ----------
async function tokensFor(names) {
  return pool(names, 4, async name => {
    const r = await json(USERS_URL, undefined, 'POST', '/api/auth/token', { username: name, password: PASSWORD });
    if (r.status !== 200) throw new Error(`token for ${name}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.access_token;
  });
}
async function register(names) {
  await pool(names, 4, async name => {
    const r = await json(USERS_URL, undefined, 'POST', '/api/auth/register', { username: name, password: PASSWORD });
    if (r.status !== 201 && r.status !== 409) throw new Error(`register ${name}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
  });
}
async function conversations(tokens, count) {
  return pool(Array.from({ length: count }, (_, i) => tokens[i % tokens.length]), 16, async token => {
    const r = await json(CHAT, chatAgent, 'POST', '/api/chat/conversations', { title: 'bench', model: MODEL }, token);
    if (r.status !== 201) throw new Error(`create conversation: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    return { token, id: r.body.id };
  });
}

function tally(results) {
  const errors = {};
  let n = 0;
  for (const r of results) if (!r.ok) { n++; errors[r.error] = (errors[r.error] || 0) + 1; }
  return { n, errors };
}

async function concurrentRound(kind, convs) {
  let open = 0;
  let peak = 0;
  const onFirst = () => { open++; if (open > peak) peak = open; };
  const onEnd = () => { open--; };
  await json(STUB, stubAgent, 'POST', '/reset');
  const before = markPhase();
  const cpu0 = cpuSeconds(CHAT_PID);
  const t0 = now();
  const results = await Promise.all(Array.from({ length: STREAMS }, (_, i) => streamOnce(kind, {
    token: convs && convs[i].token, conversationId: convs && convs[i].id, tokens: TOKENS, gap: GAP, onFirst, onEnd,
  })));
  const seconds = (now() - t0) / 1000;
  const cpu = cpuSeconds(CHAT_PID) - cpu0;
  const peakRss = phasePeakRss;
  const stub = (await json(STUB, stubAgent, 'GET', '/stats')).body;
  const gaps = [];
  for (const r of results) for (const g of r.gaps) gaps.push(g);
  return { kind, seconds, peak, stubPeak: stub.peakOpen, stubAborted: stub.aborted, stubOpenAfter: stub.open, stubConnections: stub.connections, stubStreams: stub.streams, cpu,
    ttft: summary(results.filter(r => Number.isFinite(r.ttft)).map(r => r.ttft)), gaps: summary(gaps),
    errors: tally(results), peakRss, before };
}

// Every reply of a round, read back through GET /api/chat/conversations/{id}: stored, complete, whole text.
async function verifyStored(convs) {
  const expectedLen = Array.from({ length: TOKENS }, (_, i) => `w${i} `).join('').length;
  const bad = {};
  await pool(convs, 16, async c => {
    const r = await json(CHAT, chatAgent, 'GET', `/api/chat/conversations/${c.id}`, undefined, c.token);
    let why = null;
    if (r.status !== 200) why = `GET ${r.status}`;
    else {
      const replies = (r.body.messages || []).filter(m => m.role === 'assistant');
      const last = replies[replies.length - 1];
      if (!last) why = 'no reply stored';
      else if (last.status !== 'complete') why = `stored status ${last.status}`;
      else if ((last.content || '').length !== expectedLen) why = 'stored text incomplete';
    }
    if (why) bad[why] = (bad[why] || 0) + 1;
  });
  return bad;
}

async function main() {
  const started = now();
  const load0 = loadavg();
  const startStatus = procStatus(CHAT_PID);
  const names = Array.from({ length: USERS }, (_, i) => `bench-${RUN}-${i}`.slice(0, 32));
  console.log(`Registering ${USERS} users...`);
  await register(names);
  let tokens = await tokensFor(names);
  let tokensAt = now();
  const freshTokens = async () => {
    if (now() - tokensAt > 150000) { tokens = await tokensFor(names); tokensAt = now(); }
  };

  // ---- 1. TTFT, one at a time, interleaved ----
  console.log(`TTFT: ${WARMUP} warm-up + ${SAMPLES} pairs, interleaved (${TTFT_TOKENS} tokens ${TTFT_GAP} ms apart)...`);
  const ttftConvs = await conversations([tokens[0]], WARMUP + SAMPLES);
  const direct = [];
  const through = [];
  const coldDirect = []; // the first COLD pairs of the run (warm-up or not): the JIT has compiled little yet
  const coldThrough = [];
  const ttftErrors = { stub: [], chat: [] };
  let ttftCpu0 = NaN;
  const newConnections = { stub: 0, chat: 0 }; // keep-alive: a measured request on a new TCP connection pays its setup
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    if (i === WARMUP) ttftCpu0 = cpuSeconds(CHAT_PID);
    const pair = [
      () => streamOnce('stub', { tokens: TTFT_TOKENS, gap: TTFT_GAP }),
      () => streamOnce('chat', { token: ttftConvs[i].token, conversationId: ttftConvs[i].id, tokens: TTFT_TOKENS, gap: TTFT_GAP }),
    ];
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const k of order) {
      const r = await pair[k]();
      const kind = k === 0 ? 'stub' : 'chat';
      if (!r.ok) ttftErrors[kind].push(r.error);
      else {
        if (i >= WARMUP) (kind === 'stub' ? direct : through).push(r.ttft);
        if (i < COLD) (kind === 'stub' ? coldDirect : coldThrough).push(r.ttft);
      }
      if (i >= WARMUP && r.newConnection) newConnections[kind]++;
    }
    if (i % 50 === 0) await freshTokens();
  }
  const ttftDirect = summary(direct);
  const ttftChat = summary(through);
  // chat-service's CPU per measured reply (its 5 tokens and stored end included): less sensitive to the machine's load
  // than the times, which on a shared machine mostly wait for a CPU
  const ttftCpuMs = (cpuSeconds(CHAT_PID) - ttftCpu0) * 1000 / SAMPLES;
  // p50 per third of the measured pairs: a JIT still compiling shows as a first third slower than the last
  const thirds = values => [0, 1, 2].map(k => summary(values.slice(Math.floor(k * values.length / 3),
    Math.floor((k + 1) * values.length / 3))).p50);
  const afterTtft = procStatus(CHAT_PID);

  // ---- 2. concurrent streams ----
  const rounds = [];
  for (let round = 1; round <= ROUNDS; round++) {
    tokens = await tokensFor(names);
    tokensAt = now();
    const convs = await conversations(tokens, STREAMS);
    console.log(`Round ${round}: ${STREAMS} streams straight to the stub (${TOKENS} tokens ${GAP} ms apart)...`);
    const s = await concurrentRound('stub', null);
    console.log(`Round ${round}: ${STREAMS} streams through chat-service (${USERS} users)...`);
    const c = await concurrentRound('chat', convs);
    await new Promise(r => setTimeout(r, 3000));
    c.stored = await verifyStored(convs);
    const stubAfter = (await json(STUB, stubAgent, 'GET', '/stats')).body;
    c.stubOpenSettled = stubAfter.open;
    c.after = procStatus(CHAT_PID);
    rounds.push({ round, stub: s, chat: c });
  }
  // ---- 3. optional: bursts of short replies (BURST at once, BURST_ROUNDS times), to count upstream failures ----
  const bursts = [];
  for (let b = 1; b <= BURST_ROUNDS && BURST > 0; b++) {
    tokens = await tokensFor(names);
    tokensAt = now();
    const convs = await conversations(tokens, BURST);
    await json(STUB, stubAgent, 'POST', '/reset');
    console.log(`Burst ${b}: ${BURST} one-token replies at once through chat-service...`);
    const results = await Promise.all(convs.map(c => streamOnce('chat', { token: c.token, conversationId: c.id, tokens: 1, gap: 1 })));
    const stub = (await json(STUB, stubAgent, 'GET', '/stats')).body;
    bursts.push({ errors: tally(results), stub });
  }
  const end = procStatus(CHAT_PID);
  const load1 = loadavg();
  if (sampler) clearInterval(sampler);

  // ---- report ----
  const lines = [];
  const p = s => lines.push(s);
  const ncpu = require('os').cpus().length;
  p('');
  p(`chat-service benchmark (${ncpu} CPUs; load average ${load0} at start, ${load1} at the end; ${((now() - started) / 1000).toFixed(0)} s)`);
  p(`chat-service JVM: ${env('CHAT_JAVA_OPTS', '?')}; stub: Node ${process.version}, loopback`);
  p('');
  p(`Time to first token, one request at a time, ${SAMPLES} interleaved pairs after ${WARMUP} warm-up (ms):`);
  p('  target            p50      p90      p99      max');
  p(`  straight stub  ${f(ttftDirect.p50).padStart(7)}  ${f(ttftDirect.p90).padStart(7)}  ${f(ttftDirect.p99).padStart(7)}  ${f(ttftDirect.max).padStart(7)}`);
  p(`  chat-service   ${f(ttftChat.p50).padStart(7)}  ${f(ttftChat.p90).padStart(7)}  ${f(ttftChat.p99).padStart(7)}  ${f(ttftChat.max).padStart(7)}`);
  const addP50 = ttftChat.p50 - ttftDirect.p50;
  const addP99 = ttftChat.p99 - ttftDirect.p99;
  p(`  added          ${f(addP50).padStart(7)}  ${f(ttftChat.p90 - ttftDirect.p90).padStart(7)}  ${f(addP99).padStart(7)}`);
  p(`  added p50 by third of the pairs: ${thirds(through).map((x, k) => f(x - thirds(direct)[k])).join(' / ')}`);
  p(`  cold: the run's first ${coldThrough.length} pairs${COLD <= WARMUP ? ' (part of the warm-up)' : ''}: straight p50 ${f(summary(coldDirect).p50)}, `
    + `chat-service p50 ${f(summary(coldThrough).p50)}, added p50 ${f(summary(coldThrough).p50 - summary(coldDirect).p50)}`);
  p(`  chat-service CPU per measured reply: ${f(ttftCpuMs)} ms (JVM user+sys over the ${SAMPLES} pairs, 10 ms ticks)`);
  p(`  measured requests on a new TCP connection: straight ${newConnections.stub}, chat-service ${newConnections.chat}`);
  p(`  errors: straight ${ttftErrors.stub.length}, chat-service ${ttftErrors.chat.length}${ttftErrors.chat.length ? ' (' + [...new Set(ttftErrors.chat)].join('; ') + ')' : ''}`);
  p('');
  for (const { round, stub: s, chat: c } of rounds) {
    p(`${STREAMS} concurrent streams, round ${round} (${TOKENS} tokens, ${GAP} ms apart; chat-service: ${USERS} users x ${Math.ceil(STREAMS / USERS)}):`);
    p('  target          errors  open at once (client/stub)  wall s   TTFT p50/p99 ms     gap p50/p99/p99.9/max ms');
    for (const x of [s, c]) {
      p(`  ${(x.kind === 'stub' ? 'straight stub' : 'chat-service').padEnd(14)}  ${String(x.errors.n).padStart(6)}  `
        + `${(x.peak + ' / ' + x.stubPeak).padStart(26)}  ${f(x.seconds, 1).padStart(6)}  `
        + `${(f(x.ttft.p50, 1) + ' / ' + f(x.ttft.p99, 1)).padStart(16)}     `
        + `${f(x.gaps.p50, 1)} / ${f(x.gaps.p99, 1)} / ${f(x.gaps.p999, 1)} / ${f(x.gaps.max, 1)}`);
    }
    p(`  added inter-token gap: p50 ${f(c.gaps.p50 - s.gaps.p50)} ms, p99 ${f(c.gaps.p99 - s.gaps.p99)} ms (nominal gap ${GAP} ms)`);
    if (s.errors.n) p(`  straight errors: ${JSON.stringify(s.errors.errors)}`);
    if (c.errors.n) p(`  chat-service errors: ${JSON.stringify(c.errors.errors)}`);
    const storedBad = Object.values(c.stored).reduce((a, b) => a + b, 0);
    p(`  read back after 3 s: ${STREAMS - storedBad}/${STREAMS} replies stored complete with the whole text${storedBad ? ' ' + JSON.stringify(c.stored) : ''}; `
      + `upstream streams still open at the stub: ${c.stubOpenSettled}`);
    p(`  upstream: ${c.stubStreams} requests on ${c.stubConnections} new TCP connections; ${c.stubAborted} closed by chat-service before the stub finished; chat-service used ${f(c.cpu, 1)} CPU s in the round`);
    p(`  chat-service JVM: peak VmRSS during the round ${f(mib(c.peakRss), 0)} MiB; after it ${c.after ? f(mib(c.after.rss), 0) : '?'} MiB, ${c.after ? c.after.threads : '?'} threads (before: ${c.before ? f(mib(c.before.rss), 0) : '?'} MiB, ${c.before ? c.before.threads : '?'} threads)`);
    p('');
  }
  const totalErrors = rounds.reduce((a, r) => a + r.chat.errors.n + Object.values(r.chat.stored).reduce((x, y) => x + y, 0), 0);
  const worstAddedGapP99 = Math.max(...rounds.map(r => r.chat.gaps.p99 - r.stub.gaps.p99));
  const hwm = end ? end.hwm : NaN;
  p(`chat-service JVM peak RSS (VmHWM, whole run incl. start-up): ${f(mib(hwm), 0)} MiB; at start of the client ${startStatus ? f(mib(startStatus.rss), 0) : '?'} MiB, after TTFT ${afterTtft ? f(mib(afterTtft.rss), 0) : '?'} MiB, at the end ${end ? f(mib(end.rss), 0) : '?'} MiB`);
  p('');
  for (const [i, b] of bursts.entries()) {
    p(`burst ${i + 1}: ${BURST} one-token replies at once: ${b.errors.n} errors ${b.errors.n ? JSON.stringify(b.errors.errors) : ''}; `
      + `upstream ${b.stub.streams} requests (retries included) on ${b.stub.connections} new connections, ${b.stub.aborted} closed by chat-service before the stub finished`);
  }
  if (bursts.length) p('');
  p('Targets (printed, not asserted):');
  p(`  added p50 TTFT        ${f(addP50)} ms   (target <= 5 ms: ${addP50 <= 5 ? 'met' : 'NOT met'})`);
  p(`  errors at ${STREAMS} streams  ${totalErrors} over ${ROUNDS} round(s)   (target 0: ${totalErrors === 0 ? 'met' : 'NOT met'})`);
  p(`  peak RSS              ${f(mib(hwm), 0)} MiB   (target <= 512 MiB: ${mib(hwm) <= 512 ? 'met' : 'NOT met'})`);
  p(`  added inter-token p99 ${f(worstAddedGapP99)} ms (worst round; no target)`);
  const report = lines.join('\n');
  console.log(report);
  if (RESULT_FILE) {
    fs.writeFileSync(RESULT_FILE, JSON.stringify({ ttftDirect, ttftChat, ttftCold: { direct: summary(coldDirect), chat: summary(coldThrough) }, ttftErrors, ttftCpuMs, rounds, bursts, hwm, load0, load1 }, null, 1));
  }
}

main().then(() => process.exit(0), e => { console.error(e.stack || String(e)); process.exit(1); });
