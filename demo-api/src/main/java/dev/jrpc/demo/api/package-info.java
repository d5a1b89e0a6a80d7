/**
 * The demo's remote API: plain interfaces and records, shared by the demo server, which exports
 * them, and the demo client, which calls them. Nothing here depends on jrpc.
 */
package dev.jrpc.demo.api;
