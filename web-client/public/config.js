// Runtime configuration, replaceable at deploy time without a rebuild.
// apiBase: where the gateway's /api lives; empty = the same origin as this page.
window.__STUDIO_CONFIG__ = window.__STUDIO_CONFIG__ || { apiBase: '' };
