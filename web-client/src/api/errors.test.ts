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
  it('endsTheServersSentenceBeforeSayingWhenToTryAgainAndNeverSaysItTwice', () => {
    expect(describeProblem({ code: 'rate_limited', detail: 'Too many requests; slow down', retryAfter: 12 })).toBe('Too many requests; slow down. Try again in 12 s.');
    // The gateway's 429 says when itself.
    expect(describeProblem({ code: 'rate_limited', detail: 'Too many requests. Try again in 12 seconds.', retryAfter: 12 })).toBe('Too many requests. Try again in 12 seconds.');
    expect(describeProblem({ code: 'too_many_attempts', detail: 'Too many failed sign-ins', retryAfter: 30 })).toBe('Too many failed sign-ins. Try again in 30 s.');
  });
  it('namesNoInternalServiceForTheGatewaysTimeoutsAndOutages', () => {
    expect(describeProblem({ code: 'upstream_timeout', status: 504, detail: 'chat-service did not answer in time.' })).not.toMatch(/chat-service/);
    expect(describeProblem({ code: 'session_unavailable', status: 503, detail: 'Signing in cannot be checked right now (user-service is not answering). Try again shortly.' })).not.toMatch(/user-service/);
    expect(describeProblem({ code: 'csrf_failed', status: 403 })).toMatch(/Reload the page/);
  });
  it('saysInPlainWordsWhenTheStudioCouldNotBeReachedAtAll', () => {
    expect(describeError(new TypeError('Failed to fetch'))).toBe('The studio could not be reached. Check the connection and try again.');
    expect(describeError(new TypeError('NetworkError when attempting to fetch resource.'))).toMatch(/could not be reached/);
    expect(describeError(new TypeError('x is undefined'))).toBe('x is undefined');
  });
  it('takesTheQueueLimitFromTheServerNotAFixedTen', () => {
    const detail = 'You already have 40 images queued or generating; wait for one to finish (at most 40).';
    expect(describeProblem({ code: 'too_many_jobs', status: 429, detail })).toBe(detail);
    expect(describeProblem({ code: 'too_many_jobs', status: 429 })).toMatch(/^Too many images/);
  });
  it('readsRetryAfterFromAnApiError', () => {
    expect(describeError(new ApiError(429, { code: 'rate_limited', detail: 'Slow down.', retryAfter: 3 }))).toBe('Slow down. Try again in 3 s.');
  });
});
