package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/los-bot/los"
	"github.com/los-bot/los/kb"
)

// maxQuestionRunes bounds an example question.
const maxQuestionRunes = 500

// AddQuestion adds question to the example questions of article slug,
// as a new version (action "question"), so that customers asking in its
// words find the article. An article customers see, without changes
// they do not see yet, is published at once; otherwise the question
// waits for the next publishing, with the other changes, and nothing
// unpublished goes live. A question the article has already changes
// nothing.
func (s *DB) AddQuestion(ctx context.Context, slug, question, author string) (kb.EditorArticle, error) {
	question = strings.Join(strings.Fields(question), " ")
	switch {
	case question == "" || !utf8.ValidString(question):
		return kb.EditorArticle{}, &los.Error{Code: los.EINVALID, Key: "editor.error.question", Message: "the question is empty"}
	case utf8.RuneCountInString(question) > maxQuestionRunes:
		return kb.EditorArticle{}, &los.Error{Code: los.EINVALID, Key: "editor.error.question",
			Message: fmt.Sprintf("the question has more than %d characters", maxQuestionRunes)}
	}
	return s.change(ctx, slug, 0, func(tx *sql.Tx, cur kb.EditorArticle, _ int64) error {
		live := cur.Published && !cur.Pending()
		a := cur.Article
		a.Questions = append(slices.Clone(a.Questions), question)
		a, err := kb.NormalizeArticle(a)
		if err != nil {
			return err
		}
		if sameContent(cur.Article, a) {
			return nil
		}
		if err := s.newVersion(ctx, tx, cur, a, author, "question", 0); err != nil {
			return err
		}
		if !live {
			return nil
		}
		if cur, err = getDoc(ctx, tx, slug); err != nil {
			return err
		}
		return s.publish(ctx, tx, cur, author)
	})
}
