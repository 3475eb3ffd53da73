package store

import (
	"context"
	"database/sql"

	"github.com/los-bot/los"
)

// CannedResponses returns the canned responses in written standard l, or
// all of them when l is "", by standard and title.
func (s *DB) CannedResponses(ctx context.Context, l los.Standard) ([]los.CannedResponse, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, lang, title, body, updated FROM canned_responses
		WHERE ? = '' OR lang = ? ORDER BY lang, title, id`, string(l), string(l))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []los.CannedResponse{}
	for rows.Next() {
		var (
			c       los.CannedResponse
			lang    string
			updated int64
		)
		if err := rows.Scan(&c.ID, &lang, &c.Title, &c.Body, &updated); err != nil {
			return nil, err
		}
		c.Lang, c.Updated = los.Standard(lang), fromMillis(updated)
		out = append(out, c)
	}
	return out, rows.Err()
}

// SaveCannedResponse adds c (ID 0) or replaces the one with c's ID. Its
// title must be unused among the responses in its standard. ID and
// Updated are set.
func (s *DB) SaveCannedResponse(ctx context.Context, c *los.CannedResponse, author string) error {
	if err := c.Validate(); err != nil {
		return err
	}
	c.Updated = s.now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		var taken int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM canned_responses WHERE lang = ? AND title = ? AND id != ?`,
			string(c.Lang), c.Title, c.ID).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 {
			return &los.Error{Code: los.ECONFLICT, Key: "canned.error.taken",
				Message: "a canned response titled " + c.Title + " exists already in " + string(c.Lang)}
		}
		if c.ID == 0 {
			return tx.QueryRowContext(ctx, `INSERT INTO canned_responses (lang, title, body, author, created, updated) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
				string(c.Lang), c.Title, c.Body, author, millis(c.Updated), millis(c.Updated)).Scan(&c.ID)
		}
		res, err := tx.ExecContext(ctx, `UPDATE canned_responses SET lang = ?, title = ?, body = ?, author = ?, updated = ? WHERE id = ?`,
			string(c.Lang), c.Title, c.Body, author, millis(c.Updated), c.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return los.Errorf(los.ENOTFOUND, "no canned response %d", c.ID)
		}
		return nil
	})
}

// DeleteCannedResponse deletes one canned response.
func (s *DB) DeleteCannedResponse(ctx context.Context, id int64) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM canned_responses WHERE id = ?`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return los.Errorf(los.ENOTFOUND, "no canned response %d", id)
	}
	return nil
}
