-- Migration 22: the client's ID of a customer message (the chat sends one
-- per message and again when it resends it after a lost answer), carried
-- also by the bot's reply, so a message is stored and answered once even
-- when it reaches another replica. NULL on older messages and when the
-- client sent none: NULLs never collide in a unique index.
ALTER TABLE messages ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX messages_client_id ON messages(conversation_id, client_id, role) WHERE client_id IS NOT NULL;
