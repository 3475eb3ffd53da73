package store

// migration008 gives articles and their versions example questions
// ("Spørsmål denne artikkelen svarer på"): a JSON array of strings, like
// tags, which the search index matches customers' questions against.
const migration008 = `
ALTER TABLE articles ADD COLUMN questions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE article_versions ADD COLUMN questions TEXT NOT NULL DEFAULT '[]';
`
