package bot_test

import (
	"testing"

	"github.com/los-bot/los/bot"
)

func TestPolicyRespond(t *testing.T) {
	custom := bot.Policy{bot.CategoryIllness: bot.ActionOfferHandoff}
	tests := []struct {
		policy   bot.Policy
		category bot.Category
		evidence bot.Evidence
		action   bot.Action
		response bot.Response
	}{
		{bot.DefaultPolicy, bot.CategorySelfHarm, bot.EvidenceClear, bot.ActionHandoffNow, bot.ResponseCrisis},
		{bot.DefaultPolicy, bot.CategoryViolence, "", bot.ActionHandoffNow, bot.ResponseCrisis},
		{bot.DefaultPolicy, bot.CategorySelfHarm, bot.EvidenceWeak, bot.ActionOfferHandoff, bot.ResponseCheckIn},
		{bot.DefaultPolicy, bot.CategoryBereavement, bot.EvidenceClear, bot.ActionHandoffNow, bot.ResponseHandoff},
		{bot.DefaultPolicy, bot.CategoryFinancialHardship, bot.EvidenceWeak, bot.ActionOfferHandoff, bot.ResponseCheckIn},
		{bot.DefaultPolicy, bot.CategoryHumanRequest, bot.EvidenceClear, bot.ActionHandoffNow, bot.ResponseHandoff},
		{bot.DefaultPolicy, bot.CategoryHumanRequest, bot.EvidenceWeak, bot.ActionOfferHandoff, bot.ResponseOffer},
		{bot.DefaultPolicy, bot.CategoryDistress, bot.EvidenceWeak, bot.ActionOfferHandoff, bot.ResponseOffer},
		{bot.DefaultPolicy, bot.CategoryDistress, bot.EvidenceClear, bot.ActionOfferHandoff, bot.ResponseOffer},
		{bot.DefaultPolicy, bot.CategoryNone, bot.EvidenceNone, bot.ActionAnswer, bot.ResponseAnswer},
		{custom, bot.CategoryIllness, bot.EvidenceClear, bot.ActionOfferHandoff, bot.ResponseOffer},
	}
	for _, tt := range tests {
		a, r := tt.policy.Respond(tt.category, tt.evidence)
		if a != tt.action || r != tt.response {
			t.Errorf("Respond(%s, %q) = %s, %s; want %s, %s", tt.category, tt.evidence, a, r, tt.action, tt.response)
		}
	}
}
