// Package los is the domain of Los, a Norwegian customer-service bot:
// conversations and their messages, the triage decision about each
// message, handoffs to human agents, the written standards, typed errors
// with codes, the chat-model request, and the interfaces of the services
// that adapters implement. It imports nothing but the standard library;
// the packages beside it implement, use and wire these parts (see the
// README's architecture section).
package los
