#!/usr/bin/env bash
# Every lesson in the real window under Xvfb: its first, middle and last step at 1024×700 and
# 2560×1440 (dark), and its middle step at 1280×800 in the light theme and in presentation mode.
# Each screenshot must decode at its size and not be blank (png_check); all of them are tiled into
# OUT/contact-sheet.png with their labels (scripts/screenshots.sh copies it to docs/screenshots/).
# Usage: screenshot_sweep.sh NEUROSTEP PNG_CHECK CONTACT_SHEET OUT
set -euo pipefail
app=$(realpath "$1") check=$(realpath "$2") sheet=$(realpath "$3") out=$4
mkdir -p "$out"
out=$(realpath "$out")
cat > "$out/sweep.sh" <<INNER
set -euo pipefail
failed=0
tiles=()
shot() {  # label file size extra options…
  local label=\$1 file=\$2 size=\$3; shift 3
  if ! "$app" --size "\$size" --screenshot "$out/\$file" --frames 3 "\$@" > "$out/\$file.log" 2>&1; then
    echo "\$label: the app failed:"; cat "$out/\$file.log"; failed=1; return
  fi
  if ! "$check" "$out/\$file" "\${size%x*}" "\${size#*x}"; then failed=1; return; fi
  tiles+=("\$label=$out/\$file")
}
for id in \$("$app" list | awk '{print \$1}'); do
  steps=\$("$app" trace "\$id" | grep -c '^#')
  middle=\$(( (steps + 1) / 2 ))
  for step in 1 \$middle \$steps; do
    for size in 1024x700 2560x1440; do shot "\$id \$step/\$steps \$size" "\$id-\$step-\$size.png" \$size --lesson "\$id" --step \$step; done
  done
  shot "\$id \$middle light" "\$id-\$middle-light.png" 1280x800 --lesson "\$id" --step \$middle --theme light
  shot "\$id \$middle present" "\$id-\$middle-present.png" 1280x800 --lesson "\$id" --step \$middle --present
done
"$sheet" "$out/contact-sheet.png" 8 240 "\${tiles[@]}"
echo "\${#tiles[@]} screenshots checked"
exit \$failed
INNER
xvfb-run -a -s "-screen 0 2560x1440x24" bash "$out/sweep.sh"
