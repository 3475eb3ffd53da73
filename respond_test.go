package los_test

import (
	"testing"

	"github.com/los-bot/los"
)

func TestPolicyRespond(t *testing.T) {
	custom := los.Policy{los.CategoryIllness: los.ActionOfferHandoff}
	tests := []struct {
		policy   los.Policy
		category los.Category
		evidence los.Evidence
		action   los.Action
		response los.Response
	}{
		{los.DefaultPolicy, los.CategorySelfHarm, los.EvidenceClear, los.ActionHandoffNow, los.ResponseCrisis},
		{los.DefaultPolicy, los.CategoryViolence, "", los.ActionHandoffNow, los.ResponseCrisis},
		{los.DefaultPolicy, los.CategorySelfHarm, los.EvidenceWeak, los.ActionOfferHandoff, los.ResponseCheckIn},
		{los.DefaultPolicy, los.CategoryBereavement, los.EvidenceClear, los.ActionHandoffNow, los.ResponseHandoff},
		{los.DefaultPolicy, los.CategoryFinancialHardship, los.EvidenceWeak, los.ActionOfferHandoff, los.ResponseCheckIn},
		{los.DefaultPolicy, los.CategoryHumanRequest, los.EvidenceClear, los.ActionHandoffNow, los.ResponseHandoff},
		{los.DefaultPolicy, los.CategoryHumanRequest, los.EvidenceWeak, los.ActionOfferHandoff, los.ResponseOffer},
		{los.DefaultPolicy, los.CategoryDistress, los.EvidenceWeak, los.ActionOfferHandoff, los.ResponseOffer},
		{los.DefaultPolicy, los.CategoryDistress, los.EvidenceClear, los.ActionOfferHandoff, los.ResponseOffer},
		{los.DefaultPolicy, los.CategoryNone, los.EvidenceNone, los.ActionAnswer, los.ResponseAnswer},
		{custom, los.CategoryIllness, los.EvidenceClear, los.ActionOfferHandoff, los.ResponseOffer},
	}
	for _, tt := range tests {
		a, r := tt.policy.Respond(tt.category, tt.evidence)
		if a != tt.action || r != tt.response {
			t.Errorf("Respond(%s, %q) = %s, %s; want %s, %s", tt.category, tt.evidence, a, r, tt.action, tt.response)
		}
	}
}
