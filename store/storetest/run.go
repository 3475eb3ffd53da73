package storetest

import "testing"

// Run runs the whole suite against the stores open makes, one fresh
// store for each test.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(*testing.T, Opener)
	}{
		{"ArticlesRoundTripAndRevision", testArticlesRoundTripAndRevision},
		{"ImportIsAllOrNothing", testImportIsAllOrNothing},
		{"ConversationMessagesAndRating", testConversationMessagesAndRating},
		{"HandoffQueueOrder", testHandoffQueueOrder},
		{"ConcurrentTurns", testConcurrentTurns},
		{"ClientIDStoredOnce", testClientIDStoredOnce},
		{"ClientIDUnansweredThenAnswered", testClientIDUnansweredThenAnswered},
		{"ClientIDSentTwiceAtOnce", testClientIDSentTwiceAtOnce},
		{"SetHandoffSummary", testSetHandoffSummary},
		{"ClaimReplyClose", testClaimReplyClose},
		{"HandBack", testHandBack},
		{"Callbacks", testCallbacks},
		{"CloseByCustomer", testCloseByCustomer},
		{"OutcomeOfCustomerClose", testOutcomeOfCustomerClose},
		{"NothingAfterTheEnd", testNothingAfterTheEnd},
		{"CloseIdle", testCloseIdle},
		{"CloseIdleConversation", testCloseIdleConversation},
		{"CallbackPending", testCallbackPending},
		{"CitedTitles", testCitedTitles},
		{"UsersAndSessions", testUsersAndSessions},
		{"EditorVersionsAndDrafts", testEditorVersionsAndDrafts},
		{"EditorStaleSaveConflicts", testEditorStaleSaveConflicts},
		{"EditorRollback", testEditorRollback},
		{"EditorDeleteRestoreArchive", testEditorDeleteRestoreArchive},
		{"EditorAdoptsArticlesWrittenElsewhere", testEditorAdoptsArticlesWrittenElsewhere},
		{"EditorImportAllOrNothing", testEditorImportAllOrNothing},
		{"EditorSynonymsAndGaps", testEditorSynonymsAndGaps},
		{"ArticleQuestions", testArticleQuestions},
		{"AddQuestion", testAddQuestion},
		{"TwinsImportAndExport", testTwinsImport},
		{"TwinsLinkAndDraft", testTwinsLinkAndDraft},
		{"TwinNewer", testTwinNewer},
		{"Analytics", testAnalytics},
		{"AnalyticsDaysFollowZone", testAnalyticsDaysFollowZone},
		{"CSAT", testCSAT},
		{"AnalyticsDaysAcrossDST", testAnalyticsDaysAcrossDST},
		{"CalendarDays", testCalendarDays},
		{"PruneWebhookLog", testPruneWebhookLog},
		{"PruneKeepsUnreadAndNewestEvents", testPruneKeepsUnreadAndNewestEvents},
		{"DeleteConversation", testDeleteConversation},
		{"RemoveUnchanged", testRemoveUnchanged},
		{"AuditDetailAndReads", testAuditDetailAndReads},
		{"Resolution", testResolution},
		{"DeliveriesClaimedOnce", testDeliveriesClaimedOnce},
		{"DisplayNames", testDisplayNames},
		{"DeskQueue", testDeskQueue},
		{"SearchConversations", testSearchConversations},
		{"EarlierConversations", testEarlierConversations},
		{"NotesStayInternal", testNotesStayInternal},
		{"CannedResponses", testCannedResponses},
		{"ModelSummaryIsMarked", testModelSummaryIsMarked},
		{"ConversationKey", testConversationKey},
		{"KeyExpiry", testKeyExpiry},
		{"AccountControls", testAccountControls},
		{"PresenceAcrossReplicas", testPresenceAcrossReplicas},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, open)
		})
	}
}
