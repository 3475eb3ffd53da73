package webhook

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/los-bot/los"
)

// Events lists the event types webhooks may subscribe to.
var Events = []string{
	los.EventMessageCreated,
	los.EventHandoffRequested,
	los.EventHandoffClaimed,
	los.EventHandoffReturned,
	los.EventConversationClose,
	los.EventFeedbackReceived,
	los.EventCallbackRequested,
	los.EventArticlePublished,
}

// KnownEvent reports whether webhooks may subscribe to typ.
func KnownEvent(typ string) bool { return slices.Contains(Events, typ) }

// Payload is the JSON body of a delivery.
type Payload struct {
	ID      string          `json:"id"`
	Type    string          `json:"type"`
	Created time.Time       `json:"created"`
	Data    json.RawMessage `json:"data"`
}

// Body renders an outbox event as delivered: its data, with the
// conversation's ID when it has one.
func Body(e los.Event) ([]byte, error) {
	data := map[string]any{}
	if len(e.Data) > 0 {
		if err := json.Unmarshal(e.Data, &data); err != nil {
			return nil, err
		}
	}
	if e.ConversationID != "" {
		data["conversation_id"] = e.ConversationID
	}
	d, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	return json.Marshal(Payload{ID: "evt_" + strconv.FormatInt(e.ID, 10), Type: e.Type, Created: e.Created, Data: d})
}
