// Where the conversation stands, as the customer sees it in place of the
// "talk to a person" button: waiting for an agent, talking with one (by
// name when the server gives it), or ended. Only an open conversation
// offers the button.
import { setText } from './dom.js';
import { S, t, ui } from './state.js';

// setStatus records the conversation's status and, while an agent holds
// it, their display name as the server gives it (agent_name in the
// transcript and the status event; none when they have none) and shows it.
export function setStatus(status, agentName) {
  if (status !== S.status) S.heldNoted = false;
  S.status = status;
  S.agentName = (status === 'agent' && agentName) || '';
  showState();
}

// agentNamed records the name on an agent's message that just arrived.
export function agentNamed(name) {
  if (S.status !== 'agent' || !name || name === S.agentName) return;
  S.agentName = name;
  showState();
}

// stateText is the line shown for the current status.
export function stateText() {
  switch (S.status) {
    case 'waiting': return t('state.waiting');
    case 'agent': return S.agentName ? t('state.agent', S.agentName) : t('state.agent_unnamed');
    case 'closed': return t('state.closed');
  }
  return '';
}

export function showState() {
  if (!ui.state) return;
  const open = S.status === 'open';
  ui.humanBtn.hidden = !open;
  ui.state.hidden = open;
  ui.state.dataset.status = S.status;
  setText(ui.state, stateText);
  ui.endBtn.hidden = !S.conv;
  ui.privacy.hidden = !(S.conv || S.last);
}
