package store

import (
	"context"
	"strings"

	"github.com/los-bot/los"
)

// Audit appends an entry to the audit log.
func (s *DB) Audit(ctx context.Context, e los.AuditEntry) error {
	if e.At.IsZero() {
		e.At = s.now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO audit_log (at, actor, role, method, route, target, status) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		millis(e.At), e.Actor, e.Role, e.Method, e.Route, e.Target, e.Status)
	return err
}

// AuditLog returns entries matching f, newest first.
func (s *DB) AuditLog(ctx context.Context, f los.AuditFilter) ([]los.AuditEntry, error) {
	var where []string
	var args []any
	if f.Actor != "" {
		where, args = append(where, "actor = ?"), append(args, f.Actor)
	}
	if f.Route != "" {
		where, args = append(where, s.eng.contains("route")), append(args, f.Route)
	}
	if f.Target != "" {
		where, args = append(where, s.eng.contains("target")), append(args, f.Target)
	}
	if !f.From.IsZero() {
		where, args = append(where, "at >= ?"), append(args, millis(f.From))
	}
	if !f.To.IsZero() {
		where, args = append(where, "at < ?"), append(args, millis(f.To))
	}
	if f.Changes {
		where = append(where, "method NOT IN ('GET', 'HEAD')")
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 100
	}
	q := `SELECT id, at, actor, role, method, route, target, status FROM audit_log`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, q+" ORDER BY id DESC LIMIT ?", append(args, f.Limit)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []los.AuditEntry{}
	for rows.Next() {
		var e los.AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Role, &e.Method, &e.Route, &e.Target, &e.Status); err != nil {
			return nil, err
		}
		e.At = fromMillis(at)
		out = append(out, e)
	}
	return out, rows.Err()
}
