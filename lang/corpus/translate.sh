#!/usr/bin/env bash
# Makes the *.apertium.txt files: Apertium's line-by-line translation of
# each corpus file into the other standard (Debian's apertium-nno-nob;
# Nynorsk with e-infinitive), and the snapshots of the demo articles and the
# interface strings with their translations. Run after changing a source
# file (or to take in new articles and strings), then `go generate ./lang`.
set -euo pipefail
cd "$(dirname "$0")"
t="go run ../internal/translate"
$t -from nb -to nn -in ud/nb.dev.txt -o ud/nb.dev.nn.apertium.txt
$t -from nn -to nb -in ud/nn.dev.txt -o ud/nn.dev.nb.apertium.txt
$t -from nb -to nn -in norquad/nb.txt -o norquad/nb.nn.apertium.txt
mkdir -p kb locales
$t -articles ../../kb/demo -o kb/articles.apertium.tsv
$t -locales ../../locales -o locales/strings.tsv
