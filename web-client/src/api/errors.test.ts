import { describe, expect, it } from 'vitest';
import { ApiError, describeError, describeProblem } from './errors';

describe('describeProblem', () => {
  it('tellsWhichTokenTheProviderRefused', () => {
    expect(describeProblem({ code: 'provider_rejected_token', detail: 'HTTP 401' })).toBe(
      'The model provider refused the access token. Check HF_TOKEN or STUDIO_OPENAI_API_KEY on the server.',
    );
  });
  it('saysWhenToTryAgainAfterRateLimiting', () => {
    expect(describeProblem({ code: 'provider_rate_limited', retryAfter: 7 })).toBe('The model provider is rate limiting requests. Try again in 7 s.');
  });
  it('saysTheProviderIsDown', () => {
    expect(describeProblem({ code: 'provider_unavailable', detail: 'HTTP 503' })).toMatch(/down or unreachable/);
  });
  it('fallsBackToTheServersDetail', () => {
    expect(describeProblem({ code: 'something_new', detail: 'A new kind of failure.' })).toBe('A new kind of failure.');
  });
  it('readsRetryAfterFromAnApiError', () => {
    expect(describeError(new ApiError(429, { code: 'rate_limited', detail: 'Slow down.', retryAfter: 3 }))).toBe('Slow down. Try again in 3 s.');
  });
});
