export interface Violation {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  violations?: Violation[];
  retryAfter?: number;
  [key: string]: unknown;
}

/** An answer that was not a success, carrying the server's problem+json when it sent one. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail || problem.title || `Request failed (${status})`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  get violations(): Violation[] {
    return this.problem.violations ?? [];
  }

  /** The message for one field, or undefined when the server named none for it. */
  fieldMessage(field: string): string | undefined {
    return this.violations.find((v) => v.field === field || v.field.endsWith(`.${field}`))?.message;
  }
}

export async function problemFrom(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status, title: response.statusText };
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      problem = { ...problem, ...((await response.json()) as Problem) };
    } catch {
      /* a body that is not JSON: keep the status line */
    }
  }
  const retry = response.headers.get('retry-after');
  if (retry && problem.retryAfter === undefined && !Number.isNaN(Number(retry))) problem.retryAfter = Number(retry);
  return new ApiError(response.status, problem);
}

/** A server's sentence ends with a full stop before ours follows ("slow down" + "Try again in 12 s."). */
const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** Plain words for a problem the server sent (a refused request, a stream's `error` event, a failed job). */
export function describeProblem(p: Problem): string {
  const wait = p.retryAfter ? ` Try again in ${p.retryAfter} s.` : ' Try again in a moment.';
  switch (p.code) {
    case 'provider_rejected_token':
      return 'The model provider refused the access token. Check HF_TOKEN or STUDIO_OPENAI_API_KEY on the server.';
    case 'provider_rate_limited':
      return `The model provider is rate limiting requests.${wait}`;
    case 'provider_unavailable':
    case 'provider_unreachable':
    case 'provider_error':
      return 'The model provider is down or unreachable right now. Try again later.';
    case 'provider_loading':
      return 'The model is still loading at the provider. Try again in a minute.';
    case 'provider_timeout':
      return 'The model provider did not answer in time.';
    case 'provider_refused':
    case 'provider_rejected_request':
      return `The model provider refused the request.${p.detail ? ` ${sentence(p.detail)}` : ''}`;
    case 'provider_stream_failed':
      return 'The model provider stopped in the middle of the reply; the text so far is kept.';
    case 'reply_interrupted':
      return 'The reply was interrupted (a studio service restarted); the text so far is kept.';
    case 'model_unavailable':
      return 'This model is not available: its provider has no token configured.';
    // The server says how many and its limit, which is configured (STUDIO_IMAGES_MAX_QUEUED_PER_USER).
    case 'too_many_jobs':
      return p.detail ? sentence(p.detail) : 'Too many images are already waiting or being made. New ones can be queued as they finish.';
    case 'too_many_generations':
      return p.detail ? sentence(p.detail) : 'Too many replies are being written at once. Wait for one to finish.';
    case 'service_busy':
    case 'rate_limited':
    case 'too_many_attempts':
      // The gateway's own detail already says when ("Too many requests. Try again in 12 seconds.").
      return p.detail && /try again/i.test(p.detail) ? sentence(p.detail) : `${sentence(p.detail || 'The studio is busy')}${wait}`;
    case 'upstream_unavailable':
      return 'A studio service is not reachable right now. Try again in a few seconds.';
    case 'upstream_timeout':
      return 'A studio service did not answer in time. Try again in a moment.';
    case 'session_unavailable':
      return 'Signing in cannot be checked right now. Try again in a few seconds.';
    case 'csrf_failed':
    case 'origin_not_allowed':
      return 'The page’s security check failed (it may be out of date). Reload the page and try again.';
    default:
      return p.detail || p.title || (p.status ? `Request failed (${p.status})` : 'Something went wrong');
  }
}

/** fetch's own failure (no answer at all): Chrome's "Failed to fetch", Firefox's "NetworkError…", Safari's "Load failed". */
export function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/** Plain words for an error, for people rather than logs. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return describeProblem({ ...error.problem, detail: error.problem.detail || error.message });
  if (isNetworkFailure(error)) return 'The studio could not be reached. Check the connection and try again.';
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Where the server's refusal belongs in a form: beside each field a violation names, or beside the field its code is
 * about ({@code fieldByCode}), else under the whole form.
 */
export function placeError<F extends string>(
  error: unknown,
  fields: readonly F[],
  fieldByCode: Partial<Record<string, F>>,
): Partial<Record<F | 'form', string>> {
  const out: Partial<Record<F | 'form', string>> = {};
  if (!(error instanceof ApiError)) {
    out.form = describeError(error);
    return out;
  }
  for (const field of fields) {
    const message = error.fieldMessage(field);
    if (message) out[field] = message;
  }
  const byCode = error.code ? fieldByCode[error.code] : undefined;
  if (byCode && !out[byCode]) out[byCode] = error.problem.detail || error.message;
  if (!fields.some((field) => out[field])) out.form = describeError(error);
  return out;
}
