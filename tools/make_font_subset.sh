#!/usr/bin/env bash
# Rebuild src/jjj/fonts/NotoSansSC-Subset.otf, the only CJK font the charts use.
#
# Source: Noto Sans SC Regular (SIL OFL 1.1, https://github.com/notofonts/noto-cjk), taken from the
# PyPI wheel pylopdf-fonts-zh-cn==0.1.1, which ships it unmodified. The subset keeps the CJK
# Unified Ideographs block (U+4E00-9FFF: every common Han character, not only this article's),
# Basic Latin, Latin-1, general and CJK punctuation and full-width forms. Subsetting is an allowed
# Modified Version under the OFL; the copyright notice and licence travel in OFL.txt beside it.
# Run from the repository root with the project's .venv (fontTools comes with matplotlib).
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/pip download --quiet --no-deps --dest "$tmp" pylopdf-fonts-zh-cn==0.1.1
.venv/bin/python -m zipfile -e "$tmp"/pylopdf_fonts_zh_cn-0.1.1-*.whl "$tmp/wheel"
.venv/bin/pyftsubset "$tmp/wheel/pylopdf_fonts_zh_cn/NotoSansSC-Regular.otf" \
  --unicodes="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2190-21FF,U+2212,U+3000-303F,U+4E00-9FFF,U+FF00-FFEF" \
  --layout-features='*' --name-IDs='*' --name-legacy --name-languages='*' \
  --output-file=src/jjj/fonts/NotoSansSC-Subset.otf
ls -l src/jjj/fonts/NotoSansSC-Subset.otf
