package store_test

import (
	"github.com/los-bot/los/auth"
	"github.com/los-bot/los/bot"
	"github.com/los-bot/los/store"
)

// The store is what the bot and auth keep their data in.
var (
	_ bot.Store        = (*store.DB)(nil)
	_ bot.Handoffs     = (*store.DB)(nil)
	_ bot.SummaryStore = (*store.DB)(nil)
	_ auth.Store       = (*store.DB)(nil)
)
