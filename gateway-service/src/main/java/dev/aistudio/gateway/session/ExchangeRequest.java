package dev.aistudio.gateway.session;

/** What user-service's exchange takes: the opaque session id from the cookie. */
record ExchangeRequest(String sessionId) {
}
