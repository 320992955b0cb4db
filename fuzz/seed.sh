#!/bin/sh
# Fills fuzz/corpus/<target>/ with seed inputs: the sample site's own files plus the
# structure-aware seeds in fuzz/seeds/ (percent escapes, non-ASCII, nesting, hostile HTML).
# Run from anywhere; safe to run again (libFuzzer adds what it finds beside the seeds).
set -eu
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
sep='
=====
'
for t in page quiz site; do mkdir -p "$fuzz/corpus/$t"; cp "$fuzz/seeds/$t/"* "$fuzz/corpus/$t/"; done
n=0
find "$root/content" -name '*.md' | sort | while read -r f; do
  n=$((n + 1)); cp "$f" "$fuzz/corpus/page/sample-$n.md"
done
# Each default-language quiz with each of its translations.
find "$root/content" -name '*quiz.yaml' | sort | while read -r f; do
  lang_rel=${f#"$root/content/"}; rel=${lang_rel#*/}; lang=${lang_rel%%/*}
  name=$(echo "$lang_rel" | tr '/' '_')
  cp "$f" "$fuzz/corpus/quiz/$name"
  for t in "$root"/content/*/"$rel"; do
    [ "$t" = "$f" ] && continue
    tl=${t#"$root/content/"}; tl=${tl%%/*}
    { cat "$f"; printf '%s' "$sep"; cat "$t"; } > "$fuzz/corpus/quiz/${name}+$tl"
  done
done
for f in "$root"/i18n/*.yaml; do
  { cat "$root/site.yaml"; printf '%s' "$sep"; cat "$f"; } > "$fuzz/corpus/site/site+$(basename "$f")"
done
echo "seeded: $(ls "$fuzz/corpus/page" | wc -l) pages, $(ls "$fuzz/corpus/quiz" | wc -l) quizzes, $(ls "$fuzz/corpus/site" | wc -l) site files"
