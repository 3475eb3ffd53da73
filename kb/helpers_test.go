package kb

import (
	"os"
	"strings"
)

func writeFile(path, data string) error { return os.WriteFile(path, []byte(data), 0o644) }

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
