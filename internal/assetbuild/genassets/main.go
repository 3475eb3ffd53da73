// Command genassets builds the web applications' front ends into their
// dist directories (see package assetbuild). go generate runs it:
//
//	go generate ./web/...        every application
//	go run ./internal/assetbuild/genassets chat editor
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/los-bot/los/internal/assetbuild"
)

func main() {
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: genassets [app...]\n\n"+
			"Builds the front end of each named web application (default: all) with esbuild\n"+
			"into its dist directory: minified bundles under content-hashed names, gzip and\n"+
			"brotli variants, and manifest.json. Commit the result.\n\napps:")
		for _, a := range assetbuild.Apps {
			fmt.Fprintf(os.Stderr, " %s", a.Name)
		}
		fmt.Fprintln(os.Stderr)
	}
	flag.Parse()
	if err := run(flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "genassets:", err)
		os.Exit(1)
	}
}

func run(names []string) error {
	root, err := assetbuild.Root(".")
	if err != nil {
		return err
	}
	apps := assetbuild.Apps
	if len(names) > 0 {
		apps = nil
		for _, n := range names {
			a, ok := assetbuild.Find(n)
			if !ok {
				return fmt.Errorf("no app %q; see -h", n)
			}
			apps = append(apps, a)
		}
	}
	for _, a := range apps {
		files, err := assetbuild.Build(root, a)
		if err != nil {
			return err
		}
		dir := filepath.Join(root, a.Dir, "dist")
		if err := assetbuild.Write(dir, files); err != nil {
			return err
		}
		fmt.Printf("%s: %d files in %s\n", a.Name, len(files), filepath.Join(a.Dir, "dist"))
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Printf("  %7d  %s\n", len(files[n]), n)
		}
	}
	return nil
}
