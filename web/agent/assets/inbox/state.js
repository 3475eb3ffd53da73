// What the inbox knows, shared by its parts.
export const state = {
  queue: new Map(), // conversation ID -> queue entry
  filter: 'all', // or 'mine'
  selected: null, // the conversation shown
  conversation: null, // its details, as the API gave them
  seen: new Map(), // conversation ID -> customer messages the agent has seen
  fresh: new Set(), // conversations that joined the queue while the agent was away
  callbacks: [],
  canned: [],
};
