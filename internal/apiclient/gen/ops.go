package main

import (
	"bytes"
	"fmt"
	"strings"
)

// writeOperation writes a method for op; it reports false for operations
// it cannot express (bodies other than JSON).
func writeOperation(b *bytes.Buffer, path, method string, op *operation) bool {
	var bodyType string
	if op.RequestBody != nil {
		m, ok := op.RequestBody.Content["application/json"]
		if !ok {
			return false
		}
		bodyType = goType(m.Schema, true)
		if bodyType == "json.RawMessage" {
			bodyType = "any"
		} else {
			bodyType = "*" + bodyType
		}
	}
	args := []string{"ctx context.Context"}
	expr := `"` + path + `"`
	hasQuery := false
	for _, p := range op.Parameters {
		switch p.In {
		case "path":
			arg := goIdent(p.Name)
			val := "url.PathEscape(" + arg + ")"
			if t, _ := typeName(p.Schema); t == "integer" {
				args = append(args, arg+" int64")
				val = "strconv.FormatInt(" + arg + ", 10)"
			} else {
				args = append(args, arg+" string")
			}
			expr = strings.Replace(expr, "{"+p.Name+"}", `" + `+val+` + "`, 1)
		case "query":
			hasQuery = true
		}
	}
	expr = strings.TrimSuffix(expr, ` + ""`)
	query := "nil"
	if hasQuery {
		args = append(args, "query url.Values")
		query = "query"
	}
	body := "nil"
	if bodyType != "" {
		args = append(args, "body "+bodyType)
		body = "body"
	}
	out, kind := responseType(op)
	name := strings.ToUpper(op.ID[:1]) + op.ID[1:]
	fmt.Fprintf(b, "// %s: %s (%s %s).\n", name, op.Summary, method, path)
	switch kind {
	case "none":
		fmt.Fprintf(b, "func (c *Client) %s(%s) error {\n\treturn c.do(ctx, %q, %s, %s, %s, nil)\n}\n\n",
			name, strings.Join(args, ", "), method, expr, query, body)
	case "raw":
		fmt.Fprintf(b, "func (c *Client) %s(%s) ([]byte, error) {\n\tvar out []byte\n\terr := c.do(ctx, %q, %s, %s, %s, &out)\n\treturn out, err\n}\n\n",
			name, strings.Join(args, ", "), method, expr, query, body)
	default:
		fmt.Fprintf(b, "func (c *Client) %s(%s) (*%s, error) {\n\tvar out %s\n\tif err := c.do(ctx, %q, %s, %s, %s, &out); err != nil {\n\t\treturn nil, err\n\t}\n\treturn &out, nil\n}\n\n",
			name, strings.Join(args, ", "), out, out, method, expr, query, body)
	}
	return true
}

// responseType is the Go type of op's first successful JSON response:
// kind "typed" with its type, "raw" for other content, "none" for none.
func responseType(op *operation) (string, string) {
	for _, code := range sortedKeys(op.Responses) {
		if !strings.HasPrefix(code, "2") {
			continue
		}
		r := op.Responses[code]
		if len(r.Content) == 0 {
			return "", "none"
		}
		m, ok := r.Content["application/json"]
		if !ok {
			return "", "raw"
		}
		return goType(m.Schema, true), "typed"
	}
	return "", "none"
}

func goIdent(s string) string {
	if s == "id" {
		return "id"
	}
	return strings.ReplaceAll(s, "-", "_")
}
