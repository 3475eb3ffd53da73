package kb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ImportFS parses every *.md file under root in fsys (recursively). The
// import is all or nothing: if any file is bad, it returns no articles and
// an error joining one *ParseError per problem. Articles come sorted by slug.
func ImportFS(fsys fs.FS, root string) ([]Article, error) {
	var names []string
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".md") {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", root, err)
	}
	return importFiles(names, func(name string) ([]byte, error) { return fs.ReadFile(fsys, name) })
}

// ImportFiles parses the named files from disk, or every *.md file under
// a path that is a directory. Like ImportFS, it is all or nothing.
func ImportFiles(paths ...string) ([]Article, error) {
	var names []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			names = append(names, p)
			continue
		}
		err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(q), ".md") {
				names = append(names, q)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return importFiles(names, os.ReadFile)
}

func importFiles(names []string, read func(string) ([]byte, error)) ([]Article, error) {
	var (
		errs     []error
		articles []Article
		files    []string
		seen     = map[string]string{} // slug -> file
	)
	for _, name := range names {
		data, err := read(name)
		if err != nil {
			errs = append(errs, &ParseError{File: name, Msg: err.Error()})
			continue
		}
		a, err := Parse(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if first, dup := seen[a.Slug]; dup {
			errs = append(errs, &ParseError{File: name, Line: slugLine(data),
				Msg: fmt.Sprintf("duplicate slug %q (also used by %s)", a.Slug, first)})
			continue
		}
		seen[a.Slug] = name
		articles, files = append(articles, a), append(files, name)
	}
	for _, c := range groupConflicts(articles) {
		errs = append(errs, &ParseError{File: files[c[1]], Msg: groupConflict(articles[c[0]], articles[c[1]])})
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(articles, func(i, j int) bool { return articles[i].Slug < articles[j].Slug })
	return articles, nil
}

// slugLine returns the line of the "slug:" key in the front matter, or 1
// when the slug came from the file name.
func slugLine(data []byte) int {
	for i, l := range strings.Split(string(data), "\n") {
		if i > 0 && strings.TrimRight(l, " \t\r") == "---" {
			break
		}
		if strings.HasPrefix(l, "slug:") {
			return i + 1
		}
	}
	return 1
}
