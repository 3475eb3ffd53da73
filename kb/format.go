package kb

import (
	"bytes"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Format writes an article as Markdown with front matter that Parse reads
// back as the same article (Updated aside): the export format.
func Format(a Article) ([]byte, error) {
	scalar := func(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: v} }
	tags := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, t := range a.Tags {
		tags.Content = append(tags.Content, scalar(t))
	}
	fm := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		scalar("slug"), scalar(a.Slug),
		scalar("title"), scalar(a.Title),
		scalar("lang"), scalar(string(a.Lang)),
		scalar("tags"), tags,
		scalar("published"), {Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(a.Published)},
	}}
	if a.Group != "" {
		fm.Content = append(fm.Content, scalar("group"), scalar(a.Group))
	}
	if len(a.Questions) > 0 {
		qs := &yaml.Node{Kind: yaml.SequenceNode}
		for _, q := range a.Questions {
			qs.Content = append(qs.Content, scalar(q))
		}
		fm.Content = append(fm.Content, scalar("questions"), qs)
	}
	var buf bytes.Buffer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	buf.WriteString("---\n\n")
	buf.WriteString(a.Body)
	buf.WriteString("\n")
	return buf.Bytes(), nil
}
